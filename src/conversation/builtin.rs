//! The built-in responder: a menu with quick replies, and an echo of what it did not understand, until flows take over.

use super::{Conversation, ConversationError, Resident, Turn};
use crate::line::event::{Event, EventKind, MessageContent};
use crate::line::message::{Action, Message, QuickReply};
use futures::future::BoxFuture;

/// Answers every event from a fixed menu; keeps no session.
#[derive(Debug, Default, Clone)]
pub struct MenuResponder;

fn menu(text: &str) -> Message {
    let entry = |label: &str, data: &str| Action::Postback {
        label: label.into(),
        data: format!("menu={data}"),
        display_text: Some(label.into()),
    };
    Message::Text {
        text: text.into(),
        quick_reply: Some(QuickReply::of([
            entry("Garbage sorting", "garbage"),
            entry("Childcare booking", "childcare"),
            entry("Report dumping", "dumping"),
            entry("Help", "help"),
        ])),
    }
}

impl MenuResponder {
    fn turn(&self, event: &Event) -> Vec<Message> {
        match &event.kind {
            EventKind::Follow { .. } => vec![menu("Welcome to the city's LINE counter. What can we help you with?")],
            EventKind::Message { message: MessageContent::Text { text, .. } } => {
                let folded = text.trim().to_lowercase();
                if folded == "menu" || folded == "メニュー" {
                    vec![menu("What can we help you with?")]
                } else {
                    vec![menu(&format!("Sorry, I did not understand \"{text}\". Please choose from the menu."))]
                }
            }
            EventKind::Message { message: MessageContent::Image { .. } } => {
                vec![menu("Thank you for the photo. Please choose from the menu.")]
            }
            EventKind::Message { message: MessageContent::Location { latitude, longitude, .. } } => {
                vec![menu(&format!("Thank you. You sent the location {latitude:.5}, {longitude:.5}."))]
            }
            EventKind::Message { .. } => vec![menu("Please choose from the menu.")],
            EventKind::Postback { postback } => {
                let mut answer = format!("You chose \"{}\".", postback.data);
                for (name, value) in &postback.params {
                    answer.push_str(&format!(" {name}: {}", value.as_str().unwrap_or_default()));
                }
                answer.push_str(" This service is not open yet.");
                vec![menu(&answer)]
            }
            _ => Vec::new(),
        }
    }
}

impl Conversation for MenuResponder {
    fn respond<'a>(
        &'a self,
        resident: &'a Resident,
        event: &'a Event,
        _now_ms: i64,
    ) -> BoxFuture<'a, Result<Turn, ConversationError>> {
        let turn = Turn { messages: self.turn(event), language: resident.language.clone(), session: None };
        Box::pin(async move { Ok(turn) })
    }
}
