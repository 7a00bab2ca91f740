//! Webhook events as LINE sends them: the request body, every event, source and message type of LINE's webhook schema, with unknown types kept rather than rejected.

use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// The body LINE posts to the webhook, with each event left as raw JSON so it can be stored byte for byte.
#[derive(Debug, Deserialize)]
pub struct CallbackRequest<'a> {
    /// The bot's user ID; any string (old bodies use `U123`).
    #[serde(default)]
    pub destination: Option<String>,
    /// Absent is taken as none.
    #[serde(borrow, default)]
    pub events: Vec<&'a RawValue>,
}

/// The few fields the webhook needs from an event before storing it: its identity and whose it is.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventHead {
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub webhook_event_id: Option<String>,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub mode: Option<Mode>,
    #[serde(default)]
    pub timestamp: Option<i64>,
}

/// One webhook event, fully parsed.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(flatten)]
    pub kind: EventKind,
    #[serde(default)]
    pub timestamp: i64,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub webhook_event_id: Option<String>,
    #[serde(default)]
    pub delivery_context: Option<DeliveryContext>,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub reply_token: Option<String>,
}

/// Whether the channel is active (the bot may answer) or standby (another module answers; the bot must stay silent).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Mode {
    #[default]
    Active,
    Standby,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryContext {
    #[serde(default)]
    pub is_redelivery: bool,
}

/// Where an event came from: a one-to-one chat, a group or a multi-person room.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Source {
    #[serde(rename_all = "camelCase")]
    User {
        #[serde(default)]
        user_id: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    Group {
        group_id: String,
        #[serde(default)]
        user_id: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    Room {
        room_id: String,
        #[serde(default)]
        user_id: Option<String>,
    },
    #[serde(other)]
    Unknown,
}

impl Source {
    /// The resident who acted, where LINE names one.
    pub fn user_id(&self) -> Option<&str> {
        match self {
            Source::User { user_id } | Source::Group { user_id, .. } | Source::Room { user_id, .. } => {
                user_id.as_deref()
            }
            Source::Unknown => None,
        }
    }

    /// The chat a push message must go to: the group or room, else the user.
    pub fn chat_id(&self) -> Option<&str> {
        match self {
            Source::User { user_id } => user_id.as_deref(),
            Source::Group { group_id, .. } => Some(group_id),
            Source::Room { room_id, .. } => Some(room_id),
            Source::Unknown => None,
        }
    }
}

/// What happened, by LINE's event `type`.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum EventKind {
    Message {
        message: MessageContent,
    },
    Unsend {
        unsend: Unsend,
    },
    Follow {
        #[serde(default)]
        follow: Option<Follow>,
    },
    Unfollow,
    Join,
    Leave,
    MemberJoined {
        joined: Members,
    },
    MemberLeft {
        left: Members,
    },
    Postback {
        postback: Postback,
    },
    VideoPlayComplete {
        #[serde(rename = "videoPlayComplete")]
        video_play_complete: VideoPlayComplete,
    },
    Beacon {
        beacon: Beacon,
    },
    AccountLink {
        link: Link,
    },
    Membership {
        membership: serde_json::Value,
    },
    Module {
        module: serde_json::Value,
    },
    Activated {
        #[serde(default)]
        chat_control: Option<serde_json::Value>,
    },
    Deactivated,
    BotSuspended,
    BotResumed,
    Delivery {
        #[serde(default)]
        delivery: Option<serde_json::Value>,
    },
    MessageEdited {
        #[serde(default)]
        message: Option<MessageContent>,
    },
    /// A type this version does not know: kept in the inbox, answered by nobody.
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Unsend {
    pub message_id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Follow {
    #[serde(default)]
    pub is_unblocked: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Members {
    #[serde(default)]
    pub members: Vec<Source>,
}

/// A postback: data set by a button, plus the picked value of a datetime picker.
#[derive(Debug, Clone, Deserialize)]
pub struct Postback {
    pub data: String,
    #[serde(default)]
    pub params: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoPlayComplete {
    pub tracking_id: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Beacon {
    pub hwid: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub dm: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Link {
    pub result: String,
    #[serde(default)]
    pub nonce: Option<String>,
}

/// The content of a message a resident sent.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum MessageContent {
    #[serde(rename_all = "camelCase")]
    Text {
        id: String,
        text: String,
        #[serde(default)]
        emojis: Vec<serde_json::Value>,
        #[serde(default)]
        mention: Option<serde_json::Value>,
        #[serde(default)]
        quote_token: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    Image {
        id: String,
        /// Missing in old bodies, where it means `line`.
        #[serde(default)]
        content_provider: Option<ContentProvider>,
        #[serde(default)]
        image_set: Option<ImageSet>,
    },
    #[serde(rename_all = "camelCase")]
    Video {
        id: String,
        #[serde(default)]
        duration: Option<i64>,
        #[serde(default)]
        content_provider: Option<ContentProvider>,
    },
    #[serde(rename_all = "camelCase")]
    Audio {
        id: String,
        #[serde(default)]
        duration: Option<i64>,
        #[serde(default)]
        content_provider: Option<ContentProvider>,
    },
    #[serde(rename_all = "camelCase")]
    File { id: String, file_name: String, file_size: i64 },
    #[serde(rename_all = "camelCase")]
    Location {
        id: String,
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        address: Option<String>,
        latitude: f64,
        longitude: f64,
    },
    #[serde(rename_all = "camelCase")]
    Sticker {
        id: String,
        package_id: String,
        sticker_id: String,
        #[serde(default)]
        sticker_resource_type: Option<String>,
        #[serde(default)]
        keywords: Vec<String>,
        #[serde(default)]
        text: Option<String>,
    },
    #[serde(other)]
    Unknown,
}

/// Who holds a media file: LINE (download it from the data API) or an external URL.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ContentProvider {
    Line,
    #[serde(rename_all = "camelCase")]
    External {
        #[serde(default)]
        original_content_url: Option<String>,
        #[serde(default)]
        preview_image_url: Option<String>,
    },
    #[serde(other)]
    Unknown,
}

impl ContentProvider {
    /// Whether the content must be downloaded from LINE's data API.
    pub fn is_line(provider: Option<&ContentProvider>) -> bool {
        matches!(provider, None | Some(ContentProvider::Line))
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ImageSet {
    pub id: String,
    #[serde(default)]
    pub index: Option<u32>,
    #[serde(default)]
    pub total: Option<u32>,
}

impl Event {
    /// Parses one stored event; an event whose known type has an unexpected shape is an error the caller keeps as unknown.
    pub fn parse(raw: &str) -> Result<Event, serde_json::Error> {
        serde_json::from_str(raw)
    }

    /// Whether the bot may answer this event at all.
    pub fn may_answer(&self) -> bool {
        self.mode == Mode::Active
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_message_from_a_user_parses_with_its_reply_token() {
        let event = Event::parse(
            r#"{"type":"message","mode":"active","timestamp":1,"webhookEventId":"01H","deliveryContext":{"isRedelivery":false},
            "source":{"type":"user","userId":"U1"},"replyToken":"r","message":{"type":"text","id":"1","text":"こんにちは 🍣","quoteToken":"q"}}"#,
        )
        .unwrap();
        assert!(
            matches!(event.kind, EventKind::Message { message: MessageContent::Text { ref text, .. } } if text == "こんにちは 🍣")
        );
        assert_eq!(event.source.unwrap().user_id(), Some("U1"));
        assert_eq!(event.reply_token.as_deref(), Some("r"));
    }

    #[test]
    fn unknown_event_source_and_message_types_parse_as_unknown() {
        let event =
            Event::parse(r#"{"type":"somethingNew","timestamp":1,"source":{"type":"planet","id":"x"}}"#).unwrap();
        assert!(matches!(event.kind, EventKind::Unknown));
        assert_eq!(event.source, Some(Source::Unknown));
        let event = Event::parse(
            r#"{"type":"message","timestamp":1,"source":{"type":"user","userId":"U"},"message":{"type":"hologram","id":"1"}}"#,
        )
        .unwrap();
        assert!(matches!(event.kind, EventKind::Message { message: MessageContent::Unknown }));
    }

    #[test]
    fn a_standby_event_may_not_be_answered() {
        let event = Event::parse(r#"{"type":"follow","mode":"standby","timestamp":1,"replyToken":"r"}"#).unwrap();
        assert!(!event.may_answer());
    }

    #[test]
    fn an_image_without_content_provider_is_downloaded_from_line() {
        let event = Event::parse(r#"{"type":"message","timestamp":1,"message":{"type":"image","id":"9"}}"#).unwrap();
        let EventKind::Message { message: MessageContent::Image { content_provider, .. } } = event.kind else {
            panic!("not an image")
        };
        assert!(ContentProvider::is_line(content_provider.as_ref()));
    }
}
