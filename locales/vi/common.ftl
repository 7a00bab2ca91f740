# Lời của chính bộ máy và các lệnh dùng được ở mọi lúc (tiếng Việt).

## Lệnh: các từ cư dân có thể gõ, ngăn cách bằng |
command-menu = menu | thực đơn | trang chủ | bắt đầu
command-cancel = hủy | huỷ | dừng | thôi | thoát
command-back = quay lại | trở lại | lùi lại
command-language = ngôn ngữ | đổi ngôn ngữ | chọn ngôn ngữ
command-help = trợ giúp | hướng dẫn | giúp đỡ

cancelled = Đã hủy. Khi cần, bạn cứ gửi "menu" bất cứ lúc nào.
command-back-none = Không còn bước nào để quay lại.
label-cancel = Hủy
label-back = Quay lại
label-menu = Menu
label-done = Xong

## Phiên trò chuyện
session-expired = Đã lâu bạn chưa trả lời nên cuộc trò chuyện trước đã kết thúc. Mời bạn bắt đầu lại.
still-there = Bạn vẫn còn đó chứ? Khi sẵn sàng, hãy trả lời câu hỏi ở trên hoặc bấm một nút bên dưới.
flow-changed = Dịch vụ này vừa được cập nhật nên chúng ta cần bắt đầu lại từ đầu. Xin lỗi vì sự bất tiện!
flow-stay = Hãy hoàn thành việc này trước đã. Muốn dừng, bạn gửi "hủy".
action-failed = Xin lỗi, hệ thống của chúng tôi gặp sự cố. Vui lòng thử lại sau ít phút.
ask-gave-up = Xin lỗi, tôi chưa hiểu được. Tạm dừng ở đây nhé. Gửi "menu" để bắt đầu lại.

## Câu trả lời không khớp với câu hỏi
ask-wrong-text = Tôi không đọc được nội dung đó.
ask-wrong-choice = Xin lỗi, câu trả lời đó không có trong các lựa chọn.
ask-wrong-number = Vui lòng gửi một con số, ví dụ 3.
ask-wrong-date = Tôi không đọc được đó là ngày nào.
ask-wrong-time = Tôi không đọc được đó là giờ nào.
ask-wrong-datetime = Tôi không đọc được ngày và giờ.
ask-wrong-phone = Có vẻ đây không phải số điện thoại Nhật Bản.
ask-wrong-kana = Vui lòng viết tên bằng katakana hoặc hiragana.
ask-wrong-image = Vui lòng gửi ảnh.
ask-wrong-location = Vui lòng gửi vị trí.
ask-again-text = Vui lòng gõ câu trả lời (còn { $remaining } lần thử).
ask-again-choice = Vui lòng bấm một trong các nút bên dưới (còn { $remaining } lần thử).
ask-again-number = Chỉ gõ chữ số, ví dụ 2 (còn { $remaining } lần thử).
ask-again-date = Bấm "Chọn ngày" hoặc gõ theo dạng 2026-05-01 (còn { $remaining } lần thử).
ask-again-time = Bấm "Chọn giờ" hoặc gõ theo dạng 14:30 (còn { $remaining } lần thử).
ask-again-datetime = Bấm "Chọn ngày giờ" hoặc gõ theo dạng 2026-05-01 14:30 (còn { $remaining } lần thử).
ask-again-phone = Gõ cả mã vùng, ví dụ 042-481-7111 (còn { $remaining } lần thử).
ask-again-kana = Ví dụ: ヤマダ ハナコ (còn { $remaining } lần thử).
ask-again-image = Bấm "Máy ảnh" hoặc "Ảnh" bên dưới (còn { $remaining } lần thử).
ask-again-location = Bấm "Gửi vị trí" bên dưới (còn { $remaining } lần thử).
ask-skip = Bỏ qua
ask-pick-date = Chọn ngày
ask-pick-time = Chọn giờ
ask-pick-datetime = Chọn ngày giờ
ask-camera = Máy ảnh
ask-camera-roll = Ảnh
ask-location = Gửi vị trí
