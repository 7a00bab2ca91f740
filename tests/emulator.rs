//! The LINE emulator end to end: the real binary in emulator mode, its LINE API, its page API, and its page in Chromium.

use serde_json::{Value, json};
use std::net::SocketAddr;
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// The real server in emulator mode: no channel secret configured.
struct App {
    addr: SocketAddr,
    http: reqwest::Client,
    _child: Child,
    _dir: tempfile::TempDir,
}

impl App {
    async fn spawn() -> App {
        let dir = tempfile::tempdir().unwrap();
        let log = std::fs::File::create(dir.path().join("server.log")).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
            .arg("serve")
            .env_remove("RUST_LOG")
            .env_remove("LINE_CHANNEL_SECRET")
            .env_remove("LINE_CHANNEL_ACCESS_TOKEN")
            .env_remove("LINE_API_BASE_URL")
            .env_remove("LINE_DATA_API_BASE_URL")
            .env_remove("MADOGUCHI_EMULATOR")
            .env_remove("MADOGUCHI_FLOWS")
            .env_remove("MADOGUCHI_LOCALES")
            .env("MADOGUCHI_BIND", "127.0.0.1:0")
            .env("MADOGUCHI_DATABASE_URL", format!("sqlite://{}/m.db", dir.path().display()))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .expect("the madoguchi binary starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
            .await
            .expect("the server says where it listens")
            .unwrap()
            .unwrap_or_else(|| {
                panic!("the server exited: {}", std::fs::read_to_string(dir.path().join("server.log")).unwrap())
            });
        let addr = line.trim_start_matches("listening on ").parse().expect("an address");
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        App { addr, http: reqwest::Client::new(), _child: child, _dir: dir }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A call to the emulated LINE API, with the bearer the server uses.
    async fn line(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self.http.request(method, self.url(&format!("/emulator/line{path}"))).bearer_auth("emulator");
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        (response.status().as_u16(), response.json().await.unwrap_or(Value::Null))
    }

    async fn page(&self, path: &str, body: Value) -> (u16, Value) {
        let response = self.http.post(self.url(&format!("/emulator/api{path}"))).json(&body).send().await.unwrap();
        (response.status().as_u16(), response.json().await.unwrap_or(Value::Null))
    }

    async fn new_user(&self, name: &str, language: &str) -> String {
        let (status, user) = self.page("/users", json!({ "displayName": name, "language": language })).await;
        assert_eq!(status, 201, "{user}");
        user["id"].as_str().unwrap().to_owned()
    }

    async fn timeline(&self, user: &str) -> Vec<Value> {
        let url = self.url(&format!("/emulator/api/users/{user}/messages?after=0"));
        let page: Value = self.http.get(url).send().await.unwrap().json().await.unwrap();
        page["messages"].as_array().unwrap().clone()
    }

    /// Waits until the bot has sent at least `count` messages to `user`, and gives them.
    async fn bot_messages(&self, user: &str, count: usize) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let entries = self.timeline(user).await;
            let bot: Vec<Value> = entries.iter().filter(|e| e["from"] == "bot").map(|e| e["message"].clone()).collect();
            if bot.len() >= count {
                return bot;
            }
            assert!(Instant::now() < deadline, "the bot sent {} of {count} messages: {entries:#?}", bot.len());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

#[tokio::test]
async fn a_reply_token_the_emulator_never_issued_is_refused_as_line_refuses_it() {
    let app = App::spawn().await;
    let body = json!({ "replyToken": "made-up", "messages": [{ "type": "text", "text": "hi" }] });
    let (status, answer) = app.line(reqwest::Method::POST, "/v2/bot/message/reply", Some(body)).await;
    assert_eq!(status, 400);
    assert_eq!(answer, json!({ "message": "Invalid reply token" }));
}

#[tokio::test]
async fn a_reply_token_works_once() {
    let app = App::spawn().await;
    let user = app.new_user("Ana", "en").await;
    let (status, sent) = app.page(&format!("/users/{user}/text"), json!({ "text": "qwertyuiop" })).await;
    assert_eq!(status, 200, "{sent}");
    app.bot_messages(&user, 1).await;
    let token = sent["events"][0]["replyToken"].as_str().unwrap();
    let body = json!({ "replyToken": token, "messages": [{ "type": "text", "text": "again" }] });
    let (status, answer) = app.line(reqwest::Method::POST, "/v2/bot/message/reply", Some(body)).await;
    assert_eq!(status, 400);
    assert_eq!(answer["message"], "Invalid reply token");
}

#[tokio::test]
async fn a_push_with_a_retry_key_already_accepted_is_a_409() {
    let app = App::spawn().await;
    let user = app.new_user("Ana", "en").await;
    let body = json!({ "to": user, "messages": [{ "type": "text", "text": "Collection is tomorrow" }] });
    let push = |key: &'static str| {
        app.http
            .post(app.url("/emulator/line/v2/bot/message/push"))
            .bearer_auth("emulator")
            .header("X-Line-Retry-Key", key)
            .json(&body)
            .send()
    };
    let key = "123e4567-e89b-12d3-a456-426614174000";
    assert_eq!(push(key).await.unwrap().status(), 200);
    assert_eq!(push(key).await.unwrap().status(), 409);
    assert_eq!(app.bot_messages(&user, 1).await.len(), 1, "the repeated push was not shown twice");
}

#[tokio::test]
async fn a_profile_gives_the_emulated_users_language_and_an_unknown_user_is_a_404() {
    let app = App::spawn().await;
    let user = app.new_user("Minh", "vi").await;
    let (status, profile) = app.line(reqwest::Method::GET, &format!("/v2/bot/profile/{user}"), None).await;
    assert_eq!(status, 200);
    assert_eq!(profile, json!({ "displayName": "Minh", "userId": user, "language": "vi" }));
    let unknown = "U00000000000000000000000000000000";
    let (status, _) = app.line(reqwest::Method::GET, &format!("/v2/bot/profile/{unknown}"), None).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn calls_without_the_emulator_bearer_are_a_401() {
    let app = App::spawn().await;
    let user = app.new_user("Ana", "en").await;
    let url = app.url(&format!("/emulator/line/v2/bot/profile/{user}"));
    assert_eq!(app.http.get(&url).send().await.unwrap().status(), 401);
    assert_eq!(app.http.get(&url).bearer_auth("wrong").send().await.unwrap().status(), 401);
    let loading = app.url("/emulator/line/v2/bot/chat/loading/start");
    let body = json!({ "chatId": user, "loadingSeconds": 5 });
    assert_eq!(app.http.post(&loading).json(&body).send().await.unwrap().status(), 401);
    let (status, answer) = app.line(reqwest::Method::POST, "/v2/bot/chat/loading/start", Some(body)).await;
    assert_eq!((status, answer), (200, json!({})));
}

#[tokio::test]
async fn sending_text_brings_the_bots_answer_into_the_timeline() {
    let app = App::spawn().await;
    let user = app.new_user("Ana", "en").await;
    app.page(&format!("/users/{user}/text"), json!({ "text": "qwertyuiop" })).await;
    let bot = app.bot_messages(&user, 2).await;
    assert_eq!(bot[0]["text"], "Sorry, I did not understand that.", "{bot:#?}");
    let labels: Vec<&str> = bot
        .iter()
        .filter_map(|m| m["quickReply"]["items"].as_array())
        .flatten()
        .filter_map(|item| item["action"]["label"].as_str())
        .collect();
    assert!(labels.contains(&"Help"), "{bot:#?}");
    let timeline = app.timeline(&user).await;
    assert_eq!(timeline[0]["from"], "user");
    assert_eq!(timeline[0]["message"]["text"], "qwertyuiop");
}

#[tokio::test]
async fn a_photo_reaches_the_bot_and_its_bytes_come_back_as_content() {
    let app = App::spawn().await;
    let user = app.new_user("Ana", "en").await;
    let photo = b"\x89PNG\r\n\x1a\n not really a picture".to_vec();
    let response = app
        .http
        .post(app.url(&format!("/emulator/api/users/{user}/image")))
        .header("content-type", "image/png")
        .body(photo.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let sent: Value = response.json().await.unwrap();
    let message = &sent["events"][0]["message"];
    assert_eq!(message["type"], "image");
    assert_eq!(message["contentProvider"]["type"], "line");
    assert!(!app.bot_messages(&user, 1).await.is_empty());
    let id = message["id"].as_str().unwrap();
    let content = app
        .http
        .get(app.url(&format!("/emulator/line/v2/bot/message/{id}/content")))
        .bearer_auth("emulator")
        .send()
        .await
        .unwrap();
    assert_eq!(content.status(), 200);
    assert_eq!(content.headers()["content-type"], "image/png");
    assert_eq!(content.bytes().await.unwrap().to_vec(), photo);
}

#[tokio::test]
async fn a_location_reaches_the_bot() {
    let app = App::spawn().await;
    let user = app.new_user("Ana", "en").await;
    let place = json!({ "title": "City hall", "address": "1-1 Chuo", "latitude": 35.68, "longitude": 139.76 });
    let (status, sent) = app.page(&format!("/users/{user}/location"), place).await;
    assert_eq!(status, 200, "{sent}");
    let event = &sent["events"][0];
    assert_eq!(event["type"], "message");
    assert_eq!(event["message"]["type"], "location");
    assert_eq!(event["message"]["latitude"], 35.68);
    assert!(ulid::Ulid::from_string(event["webhookEventId"].as_str().unwrap()).is_ok());
    assert!(!app.bot_messages(&user, 1).await.is_empty());
}

#[tokio::test]
async fn following_brings_a_welcome_with_a_language_picker_and_unfollowing_has_no_reply_token() {
    let app = App::spawn().await;
    let user = app.new_user("Ana", "en").await;
    let (status, sent) = app.page(&format!("/users/{user}/follow"), json!({})).await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["events"][0]["type"], "follow");
    let welcome = app.bot_messages(&user, 1).await;
    let labels: Vec<&str> = welcome
        .iter()
        .filter_map(|m| m["quickReply"]["items"].as_array())
        .flatten()
        .filter_map(|item| item["action"]["label"].as_str())
        .collect();
    assert!(labels.contains(&"English") && labels.contains(&"日本語"), "no language picker in {welcome:#?}");

    let (status, sent) = app.page(&format!("/users/{user}/unfollow"), json!({})).await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["events"][0]["type"], "unfollow");
    assert!(sent["events"][0].get("replyToken").is_none(), "an unfollow cannot be answered");
}

#[tokio::test]
async fn a_date_pickers_postback_carries_its_params_and_the_timeline_pages_by_sequence() {
    let app = App::spawn().await;
    let user = app.new_user("Ana", "en").await;
    let tap = json!({ "data": "pickup=date", "params": { "date": "2026-12-01" } });
    let (status, sent) = app.page(&format!("/users/{user}/postback"), tap).await;
    assert_eq!(status, 200, "{sent}");
    let event = &sent["events"][0];
    assert_eq!(event["type"], "postback");
    assert_eq!(event["postback"], json!({ "data": "pickup=date", "params": { "date": "2026-12-01" } }));
    assert!(event["replyToken"].is_string());

    let wrong = json!({ "data": "x", "params": { "colour": "red" } });
    assert_eq!(app.page(&format!("/users/{user}/postback"), wrong).await.0, 400);
    assert_eq!(app.page("/users/Unobody/text", json!({ "text": "hi" })).await.0, 404);

    app.bot_messages(&user, 1).await;
    let all = app.timeline(&user).await;
    let first = all[0]["seq"].as_u64().unwrap();
    let url = app.url(&format!("/emulator/api/users/{user}/messages?after={first}"));
    let later: Value = app.http.get(url).send().await.unwrap().json().await.unwrap();
    assert_eq!(later["messages"].as_array().unwrap().len(), all.len() - 1);
}

/// A chromedriver this test started, stopped when dropped.
struct Chromedriver {
    port: u16,
    child: Child,
    _profile: tempfile::TempDir,
}

impl Chromedriver {
    /// Starts chromedriver, or says why not.
    async fn start() -> Result<Chromedriver, String> {
        for path in ["/usr/bin/chromedriver", "/usr/bin/chromium"] {
            if !std::path::Path::new(path).exists() {
                return Err(format!("{path} is not installed"));
            }
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|error| format!("chromedriver did not start: {error}"))?;
        let deadline = Instant::now() + Duration::from_secs(15);
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            if Instant::now() > deadline {
                return Err("chromedriver did not listen within 15 s".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(Chromedriver { port, child, _profile: tempfile::tempdir().unwrap() })
    }

    async fn browser(&self) -> fantoccini::Client {
        let profile = format!("--user-data-dir={}", self._profile.path().display());
        let options = json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", profile],
        });
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".into(), options);
        // chromedriver is on loopback over plain HTTP, so no TLS connector is needed.
        fantoccini::ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a headless Chromium session")
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

/// Waits until an element matching `css` shows `text`, and gives it.
async fn wait_for_text(browser: &fantoccini::Client, css: &str, text: &str) -> fantoccini::elements::Element {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        for element in browser.find_all(fantoccini::Locator::Css(css)).await.unwrap() {
            if element.text().await.is_ok_and(|shown| shown.contains(text)) {
                return element;
            }
        }
        if Instant::now() > deadline {
            let page = browser.find(fantoccini::Locator::Css("body")).await.unwrap().text().await.unwrap();
            panic!("no {css} showing {text:?}; the page shows:\n{page}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Runs `steps` against the page in headless Chromium, or says why it skips; the browser is closed either way.
async fn in_browser(steps: impl AsyncFnOnce(&fantoccini::Client, &App)) {
    let driver = match Chromedriver::start().await {
        Ok(driver) => driver,
        Err(why) => {
            eprintln!("skipping the browser test: {why}");
            return;
        }
    };
    let app = App::spawn().await;
    let browser = driver.browser().await;
    let outcome = steps(&browser, &app);
    // The session is closed even when a step fails, so no Chromium outlives the test.
    let result = futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(outcome)).await;
    let _ = browser.close().await;
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

#[tokio::test]
async fn typing_a_message_shows_the_bots_answer_and_a_quick_reply_brings_the_next() {
    in_browser(async |browser, app| {
        use fantoccini::Locator::Css;
        browser.goto(&app.url("/")).await.unwrap();
        browser.wait().for_element(Css("[data-testid=new-user-language] option[value=en]")).await.unwrap();
        browser.find(Css("[data-testid=new-user-name]")).await.unwrap().send_keys("Ana").await.unwrap();
        browser.find(Css("[data-testid=new-user-language]")).await.unwrap().select_by_value("en").await.unwrap();
        browser.find(Css("[data-testid=new-user-add]")).await.unwrap().click().await.unwrap();
        wait_for_text(browser, "[data-testid=user].selected", "Ana").await;

        let input = browser.find(Css("[data-testid=message-input]")).await.unwrap();
        input.send_keys("qwertyuiop").await.unwrap();
        browser.find(Css("[data-testid=send]")).await.unwrap().click().await.unwrap();
        wait_for_text(browser, "[data-testid=message-user]", "qwertyuiop").await;
        wait_for_text(browser, "[data-testid=message-bot]", "Sorry, I did not understand that.").await;

        let help = wait_for_text(browser, "[data-testid=quick-reply]", "Help").await;
        help.click().await.unwrap();
        wait_for_text(browser, "[data-testid=message-user]", "Help").await;
        wait_for_text(browser, "[data-testid=message-bot]", "How to use this service").await;
    })
    .await;
}

/// A push of the message kinds the page draws beyond text: a buttons template with a date picker, a confirm
/// template, a flex carousel, and a text that looks like HTML.
fn showcase(to: &str) -> Value {
    json!({ "to": to, "messages": [
        { "type": "text", "text": "first line\nsecond line <b>not bold</b>" },
        { "type": "template", "altText": "Pick a day", "template": {
            "type": "buttons", "title": "Bulky waste pick-up", "text": "Which day?",
            "actions": [
                { "type": "datetimepicker", "label": "Choose a date", "data": "pickup=date", "mode": "date",
                  "initial": "2026-12-01" },
                { "type": "postback", "label": "Cancel", "data": "pickup=cancel" },
            ]}},
        { "type": "template", "altText": "Sure?", "template": {
            "type": "confirm", "text": "Book it?",
            "actions": [
                { "type": "message", "label": "Yes", "text": "yes" },
                { "type": "message", "label": "No", "text": "no" },
            ]}},
        { "type": "flex", "altText": "Collection days", "contents": { "type": "carousel", "contents": [
            { "type": "bubble", "body": { "type": "box", "layout": "vertical", "contents": [
                { "type": "text", "text": "Burnable", "weight": "bold" },
                { "type": "separator" },
                { "type": "box", "layout": "horizontal", "contents": [
                    { "type": "text", "text": "Mon" }, { "type": "text", "text": "Thu" },
                ]},
            ]}, "footer": { "type": "box", "layout": "vertical", "contents": [
                { "type": "button", "action": { "type": "postback", "label": "Details", "data": "g=burnable" } },
            ]}},
            { "type": "bubble", "body": { "type": "box", "layout": "vertical", "contents": [
                { "type": "text", "contents": [
                    { "type": "span", "text": "Plastic " }, { "type": "span", "text": "containers" },
                ]},
            ]}},
        ]}},
    ]})
}

#[tokio::test]
async fn templates_flex_and_a_date_picker_are_drawn_and_the_picked_date_reaches_the_bot() {
    in_browser(async |browser, app| {
        use fantoccini::Locator::Css;
        let user = app.new_user("Ana", "en").await;
        let (status, answer) = app.line(reqwest::Method::POST, "/v2/bot/message/push", Some(showcase(&user))).await;
        assert_eq!(status, 200, "{answer}");
        browser.goto(&app.url("/emulator")).await.unwrap();

        let text = wait_for_text(browser, "[data-testid=text]", "first line").await;
        assert_eq!(text.text().await.unwrap(), "first line\nsecond line <b>not bold</b>");
        assert!(browser.find_all(Css("[data-testid=text] b")).await.unwrap().is_empty(), "bot text became HTML");
        wait_for_text(browser, "[data-testid=buttons]", "Bulky waste pick-up").await;
        wait_for_text(browser, "[data-testid=confirm]", "Book it?").await;
        wait_for_text(browser, "[data-testid=carousel] [data-testid=flex]", "Burnable").await;
        wait_for_text(browser, "[data-testid=flex]", "Plastic containers").await;
        wait_for_text(browser, "[data-testid=flex] [data-testid=action]", "Details").await;

        wait_for_text(browser, "[data-testid=buttons] [data-testid=action]", "Choose a date")
            .await
            .click()
            .await
            .unwrap();
        let picker = browser.wait().for_element(Css("[data-testid=picker-input][type=date]")).await.unwrap();
        assert_eq!(picker.prop("value").await.unwrap().as_deref(), Some("2026-12-01"));
        browser.find(Css("[data-testid=picker-send]")).await.unwrap().click().await.unwrap();
        wait_for_text(browser, "[data-testid=message-user]", "2026-12-01").await;

        let timeline = app.timeline(&user).await;
        let picked = timeline.iter().find(|e| e["from"] == "user").expect("the pick is in the timeline");
        assert_eq!(picked["message"]["text"], "2026-12-01");
        app.bot_messages(&user, 5).await;
    })
    .await;
}

#[tokio::test]
async fn a_photo_from_disk_a_location_and_a_follow_are_sent_from_the_page() {
    in_browser(async |browser, app| {
        use fantoccini::Locator::Css;
        let user = app.new_user("Ana", "en").await;
        let dir = tempfile::tempdir().unwrap();
        let photo = dir.path().join("sofa.png");
        std::fs::write(&photo, b"\x89PNG\r\n\x1a\n a sofa by the road").unwrap();
        browser.goto(&app.url("/emulator")).await.unwrap();
        wait_for_text(browser, "[data-testid=user].selected", "Ana").await;

        let input = browser.find(Css("[data-testid=photo-input]")).await.unwrap();
        input.send_keys(&photo.display().to_string()).await.unwrap();
        browser.wait().for_element(Css("[data-testid=message-user][data-type=image] img")).await.unwrap();

        browser.find(Css("[data-testid=location-toggle]")).await.unwrap().click().await.unwrap();
        browser.find(Css("[data-testid=location-title]")).await.unwrap().send_keys("City hall").await.unwrap();
        browser.find(Css("[data-testid=location-send]")).await.unwrap().click().await.unwrap();
        wait_for_text(browser, "[data-testid=message-user]", "City hall").await;

        browser.find(Css("[data-testid=follow]")).await.unwrap().click().await.unwrap();
        wait_for_text(browser, "[data-testid=quick-reply]", "English").await;

        let timeline = app.timeline(&user).await;
        let kinds: Vec<&str> =
            timeline.iter().filter(|e| e["from"] == "user").filter_map(|e| e["message"]["type"].as_str()).collect();
        assert_eq!(kinds, ["image", "location", "event"]);
    })
    .await;
}
