//! Sessions live in SQLite with the resident: a conversation survives a restart of the server.

use crate::helpers::Scratch;
use crate::server::Counter;

#[tokio::test]
async fn a_conversation_in_progress_survives_a_restart_of_the_server() {
    let scratch = Scratch::new();
    let counter = Counter::spawn_binary(&scratch.flows(), &scratch.locales()).await;
    assert_eq!(counter.say("U7", "言語").await, vec!["Which language would you like?"]);
    assert_eq!(counter.say("U7", "Tiếng Việt").await, vec!["Vâng, từ bây giờ tôi sẽ hướng dẫn bạn bằng tiếng Việt."]);
    assert_eq!(counter.say("U7", "menu").await, vec!["Vui lòng chọn việc bạn cần bên dưới."]);
    let data = counter.data();
    counter.stop().await;

    let restarted = Counter::spawn_binary_in(data, &scratch.flows(), &scratch.locales()).await;
    // Still at the menu's question, still in Vietnamese: a wrong answer is re-asked there.
    assert_eq!(
        restarted.say("U7", "xyz").await,
        vec![
            "Xin lỗi, câu trả lời đó không có trong các lựa chọn.\nVui lòng bấm một trong các nút bên dưới (còn 2 lần thử)."
        ]
    );
    restarted.stop().await;
}
