//! Messages the bot sends, as LINE's message objects, and the check of LINE's limits before anything leaves.

use serde::{Deserialize, Serialize};

/// At most this many messages go in one reply or push.
pub const MAX_MESSAGES: usize = 5;
const MAX_TEXT_UTF16: usize = 5_000;
const MAX_QUICK_REPLY_ITEMS: usize = 13;
const MAX_POSTBACK_DATA: usize = 300;
const MAX_DISPLAY_TEXT: usize = 300;
const MAX_ALT_TEXT: usize = 1_500;
const MAX_ACTION_LABEL: usize = 20;
const MAX_URL: usize = 2_000;
const MAX_BUTTONS_ACTIONS: usize = 4;
const MAX_CAROUSEL_COLUMNS: usize = 10;
const MAX_CAROUSEL_ACTIONS: usize = 3;
const MAX_FLEX_BUBBLES: usize = 12;

/// One outgoing message object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Message {
    #[serde(rename_all = "camelCase")]
    Text {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quick_reply: Option<QuickReply>,
    },
    #[serde(rename_all = "camelCase")]
    Image {
        original_content_url: String,
        preview_image_url: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quick_reply: Option<QuickReply>,
    },
    #[serde(rename_all = "camelCase")]
    Sticker {
        package_id: String,
        sticker_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quick_reply: Option<QuickReply>,
    },
    #[serde(rename_all = "camelCase")]
    Location {
        title: String,
        address: String,
        latitude: f64,
        longitude: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quick_reply: Option<QuickReply>,
    },
    #[serde(rename_all = "camelCase")]
    Template {
        alt_text: String,
        template: Template,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quick_reply: Option<QuickReply>,
    },
    #[serde(rename_all = "camelCase")]
    Flex {
        alt_text: String,
        /// A flex bubble or carousel container, as LINE's JSON.
        contents: serde_json::Value,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quick_reply: Option<QuickReply>,
    },
}

/// Buttons, confirm and carousel templates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Template {
    #[serde(rename_all = "camelCase")]
    Buttons {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        thumbnail_image_url: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        text: String,
        actions: Vec<Action>,
    },
    Confirm {
        text: String,
        actions: Vec<Action>,
    },
    Carousel {
        columns: Vec<Column>,
    },
}

/// One column of a carousel template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Column {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_image_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub text: String,
    pub actions: Vec<Action>,
}

/// Quick-reply buttons shown under a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuickReply {
    pub items: Vec<QuickReplyItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuickReplyItem {
    #[serde(rename = "type")]
    pub kind: QuickReplyKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    pub action: Action,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum QuickReplyKind {
    Action,
}

impl QuickReply {
    /// Quick replies made of the given actions.
    pub fn of(actions: impl IntoIterator<Item = Action>) -> QuickReply {
        QuickReply {
            items: actions
                .into_iter()
                .map(|action| QuickReplyItem { kind: QuickReplyKind::Action, image_url: None, action })
                .collect(),
        }
    }
}

/// What a tap on a button or quick reply does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Action {
    #[serde(rename_all = "camelCase")]
    Postback {
        label: String,
        data: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        display_text: Option<String>,
    },
    Message {
        label: String,
        text: String,
    },
    Uri {
        label: String,
        uri: String,
    },
    #[serde(rename = "datetimepicker")]
    DatetimePicker {
        label: String,
        data: String,
        mode: PickerMode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        initial: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<String>,
    },
    Camera {
        label: String,
    },
    #[serde(rename = "cameraRoll")]
    CameraRoll {
        label: String,
    },
    Location {
        label: String,
    },
}

/// What a datetime picker asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PickerMode {
    Date,
    Time,
    Datetime,
}

impl Message {
    /// A plain text message.
    pub fn text(text: impl Into<String>) -> Message {
        Message::Text { text: text.into(), quick_reply: None }
    }

    /// The quick replies under this message, whatever its type.
    pub fn quick_reply(&self) -> Option<&QuickReply> {
        self.quick_reply_slot_ref().as_ref()
    }

    /// Puts `quick` under this message in place of what was there.
    pub fn set_quick_reply(&mut self, quick: Option<QuickReply>) {
        *self.quick_reply_slot() = quick;
    }

    fn quick_reply_slot_ref(&self) -> &Option<QuickReply> {
        match self {
            Message::Text { quick_reply, .. }
            | Message::Image { quick_reply, .. }
            | Message::Sticker { quick_reply, .. }
            | Message::Location { quick_reply, .. }
            | Message::Template { quick_reply, .. }
            | Message::Flex { quick_reply, .. } => quick_reply,
        }
    }

    fn quick_reply_slot(&mut self) -> &mut Option<QuickReply> {
        match self {
            Message::Text { quick_reply, .. }
            | Message::Image { quick_reply, .. }
            | Message::Sticker { quick_reply, .. }
            | Message::Location { quick_reply, .. }
            | Message::Template { quick_reply, .. }
            | Message::Flex { quick_reply, .. } => quick_reply,
        }
    }
}

/// A message that LINE would refuse, named by where it breaks which limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct LimitViolation {
    pub path: String,
    pub problem: String,
}

fn violation(path: &str, problem: String) -> LimitViolation {
    LimitViolation { path: path.to_owned(), problem }
}

fn check_len(path: &str, what: &str, value: &str, max: usize) -> Result<(), LimitViolation> {
    let count = value.chars().count();
    if count > max {
        return Err(violation(path, format!("{what} is {count} characters, LINE allows at most {max}")));
    }
    Ok(())
}

fn check_url(path: &str, url: &str) -> Result<(), LimitViolation> {
    if !url.starts_with("https://") {
        return Err(violation(path, format!("{url:?} is not an HTTPS URL, and LINE fetches only those")));
    }
    check_len(path, "the URL", url, MAX_URL)
}

/// Checks one request's messages against LINE's limits.
pub fn check(messages: &[Message]) -> Result<(), LimitViolation> {
    if messages.is_empty() || messages.len() > MAX_MESSAGES {
        return Err(violation(
            "messages",
            format!("{} messages, LINE takes 1 to {MAX_MESSAGES} per request", messages.len()),
        ));
    }
    for (index, message) in messages.iter().enumerate() {
        check_message(&format!("messages[{index}]"), message)?;
    }
    Ok(())
}

fn check_message(path: &str, message: &Message) -> Result<(), LimitViolation> {
    match message {
        Message::Text { text, .. } => {
            if text.is_empty() {
                return Err(violation(path, "the text is empty".into()));
            }
            let units = text.encode_utf16().count();
            if units > MAX_TEXT_UTF16 {
                return Err(violation(
                    path,
                    format!("the text is {units} UTF-16 units, LINE allows at most {MAX_TEXT_UTF16}"),
                ));
            }
        }
        Message::Image { original_content_url, preview_image_url, .. } => {
            check_url(&format!("{path}.originalContentUrl"), original_content_url)?;
            check_url(&format!("{path}.previewImageUrl"), preview_image_url)?;
        }
        Message::Sticker { .. } | Message::Location { .. } => {}
        Message::Template { alt_text, template, .. } => {
            check_alt_text(path, alt_text)?;
            check_template(&format!("{path}.template"), template)?;
        }
        Message::Flex { alt_text, contents, .. } => {
            check_alt_text(path, alt_text)?;
            match contents.get("type").and_then(|t| t.as_str()) {
                Some("bubble") => {}
                Some("carousel") => {
                    let bubbles = contents.get("contents").and_then(|c| c.as_array()).map_or(0, Vec::len);
                    if bubbles == 0 || bubbles > MAX_FLEX_BUBBLES {
                        return Err(violation(
                            &format!("{path}.contents"),
                            format!("a flex carousel of {bubbles} bubbles, LINE takes 1 to {MAX_FLEX_BUBBLES}"),
                        ));
                    }
                }
                other => {
                    return Err(violation(
                        &format!("{path}.contents"),
                        format!("a flex container must be a bubble or a carousel, not {other:?}"),
                    ));
                }
            }
        }
    }
    if let Some(quick_reply) = message.quick_reply() {
        let path = format!("{path}.quickReply.items");
        let count = quick_reply.items.len();
        if count == 0 || count > MAX_QUICK_REPLY_ITEMS {
            return Err(violation(&path, format!("{count} items, LINE takes 1 to {MAX_QUICK_REPLY_ITEMS}")));
        }
        for (index, item) in quick_reply.items.iter().enumerate() {
            check_action(&format!("{path}[{index}].action"), &item.action)?;
        }
    }
    Ok(())
}

fn check_alt_text(path: &str, alt_text: &str) -> Result<(), LimitViolation> {
    if alt_text.trim().is_empty() {
        return Err(violation(&format!("{path}.altText"), "altText is required".into()));
    }
    check_len(&format!("{path}.altText"), "altText", alt_text, MAX_ALT_TEXT)
}

fn check_template(path: &str, template: &Template) -> Result<(), LimitViolation> {
    let check_actions = |path: &str, actions: &[Action], allowed: std::ops::RangeInclusive<usize>, what: &str| {
        if !allowed.contains(&actions.len()) {
            return Err(violation(
                &format!("{path}.actions"),
                format!("{} actions, a {what} takes {} to {}", actions.len(), allowed.start(), allowed.end()),
            ));
        }
        for (index, action) in actions.iter().enumerate() {
            check_action(&format!("{path}.actions[{index}]"), action)?;
        }
        Ok(())
    };
    match template {
        Template::Buttons { actions, thumbnail_image_url, .. } => {
            if let Some(url) = thumbnail_image_url {
                check_url(&format!("{path}.thumbnailImageUrl"), url)?;
            }
            check_actions(path, actions, 1..=MAX_BUTTONS_ACTIONS, "buttons template")
        }
        Template::Confirm { actions, .. } => check_actions(path, actions, 2..=2, "confirm template"),
        Template::Carousel { columns } => {
            if columns.is_empty() || columns.len() > MAX_CAROUSEL_COLUMNS {
                return Err(violation(
                    &format!("{path}.columns"),
                    format!("{} columns, a carousel takes 1 to {MAX_CAROUSEL_COLUMNS}", columns.len()),
                ));
            }
            let first = columns[0].actions.len();
            for (index, column) in columns.iter().enumerate() {
                let column_path = format!("{path}.columns[{index}]");
                check_actions(&column_path, &column.actions, 1..=MAX_CAROUSEL_ACTIONS, "carousel column")?;
                if column.actions.len() != first {
                    return Err(violation(
                        &column_path,
                        "every carousel column must have the same number of actions".into(),
                    ));
                }
            }
            Ok(())
        }
    }
}

fn check_action(path: &str, action: &Action) -> Result<(), LimitViolation> {
    let label = match action {
        Action::Postback { label, data, display_text } => {
            check_len(&format!("{path}.data"), "postback data", data, MAX_POSTBACK_DATA)?;
            if let Some(display_text) = display_text {
                check_len(&format!("{path}.displayText"), "displayText", display_text, MAX_DISPLAY_TEXT)?;
            }
            label
        }
        Action::DatetimePicker { label, data, .. } => {
            check_len(&format!("{path}.data"), "postback data", data, MAX_POSTBACK_DATA)?;
            label
        }
        Action::Message { label, text } => {
            check_len(&format!("{path}.text"), "the text", text, MAX_DISPLAY_TEXT)?;
            label
        }
        Action::Uri { label, uri } => {
            check_len(&format!("{path}.uri"), "the URI", uri, 1_000)?;
            label
        }
        Action::Camera { label } | Action::CameraRoll { label } | Action::Location { label } => label,
    };
    if label.is_empty() {
        return Err(violation(&format!("{path}.label"), "the label is empty".into()));
    }
    check_len(&format!("{path}.label"), "the label", label, MAX_ACTION_LABEL)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postback(label: &str, data: &str) -> Action {
        Action::Postback { label: label.into(), data: data.into(), display_text: None }
    }

    #[test]
    fn a_text_message_serialises_as_line_expects() {
        let message =
            Message::Text { text: "hi".into(), quick_reply: Some(QuickReply::of([postback("Menu", "menu")])) };
        assert_eq!(
            serde_json::to_value(&message).unwrap(),
            serde_json::json!({"type":"text","text":"hi","quickReply":{"items":[{"type":"action","action":{"type":"postback","label":"Menu","data":"menu"}}]}})
        );
    }

    #[test]
    fn text_is_measured_in_utf16_units_so_emoji_count_twice() {
        assert!(check(&[Message::text("🍣".repeat(2_500))]).is_ok());
        let error = check(&[Message::text("🍣".repeat(2_501))]).unwrap_err();
        assert_eq!(error.path, "messages[0]");
        assert!(error.problem.contains("5002 UTF-16 units"), "{error}");
    }

    #[test]
    fn six_messages_are_refused() {
        assert!(check(&vec![Message::text("a"); 5]).is_ok());
        assert!(check(&vec![Message::text("a"); 6]).is_err());
        assert!(check(&[]).is_err());
    }

    #[test]
    fn fourteen_quick_replies_are_refused() {
        let items = |n: usize| QuickReply::of((0..n).map(|i| postback(&format!("{i}"), "x")));
        assert!(check(&[Message::Text { text: "a".into(), quick_reply: Some(items(13)) }]).is_ok());
        let error = check(&[Message::Text { text: "a".into(), quick_reply: Some(items(14)) }]).unwrap_err();
        assert_eq!(error.path, "messages[0].quickReply.items");
    }

    #[test]
    fn postback_data_over_300_characters_is_refused() {
        let quick = |data: String| Message::Text {
            text: "a".into(),
            quick_reply: Some(QuickReply::of([postback("x", &data)])),
        };
        assert!(check(&[quick("あ".repeat(300))]).is_ok());
        let error = check(&[quick("あ".repeat(301))]).unwrap_err();
        assert_eq!(error.path, "messages[0].quickReply.items[0].action.data");
    }

    #[test]
    fn template_action_counts_are_enforced() {
        let buttons = |n: usize| Message::Template {
            alt_text: "alt".into(),
            template: Template::Buttons {
                thumbnail_image_url: None,
                title: None,
                text: "t".into(),
                actions: (0..n).map(|i| postback(&i.to_string(), "d")).collect(),
            },
            quick_reply: None,
        };
        assert!(check(&[buttons(4)]).is_ok());
        assert!(check(&[buttons(5)]).is_err());
        let confirm = |n: usize| Message::Template {
            alt_text: "alt".into(),
            template: Template::Confirm {
                text: "t".into(),
                actions: (0..n).map(|i| postback(&i.to_string(), "d")).collect(),
            },
            quick_reply: None,
        };
        assert!(check(&[confirm(2)]).is_ok());
        assert!(check(&[confirm(3)]).is_err());
        let carousel = |columns: usize| Message::Template {
            alt_text: "alt".into(),
            template: Template::Carousel {
                columns: (0..columns)
                    .map(|_| Column {
                        thumbnail_image_url: None,
                        title: None,
                        text: "t".into(),
                        actions: vec![postback("a", "d")],
                    })
                    .collect(),
            },
            quick_reply: None,
        };
        assert!(check(&[carousel(10)]).is_ok());
        assert!(check(&[carousel(11)]).is_err());
    }

    #[test]
    fn a_template_without_alt_text_is_refused() {
        let message = Message::Template {
            alt_text: " ".into(),
            template: Template::Confirm { text: "t".into(), actions: vec![postback("y", "y"), postback("n", "n")] },
            quick_reply: None,
        };
        assert_eq!(check(&[message]).unwrap_err().path, "messages[0].altText");
    }

    #[test]
    fn a_flex_carousel_of_thirteen_bubbles_is_refused() {
        let flex = |n: usize| Message::Flex {
            alt_text: "alt".into(),
            contents: serde_json::json!({"type":"carousel","contents": vec![serde_json::json!({"type":"bubble"}); n]}),
            quick_reply: None,
        };
        assert!(check(&[flex(12)]).is_ok());
        assert!(check(&[flex(13)]).is_err());
    }

    #[test]
    fn images_must_be_https() {
        let image = |url: &str| Message::Image {
            original_content_url: url.into(),
            preview_image_url: url.into(),
            quick_reply: None,
        };
        assert!(check(&[image("https://example.org/a.png")]).is_ok());
        assert!(check(&[image("http://example.org/a.png")]).is_err());
    }
}
