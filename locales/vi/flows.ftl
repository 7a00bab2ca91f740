# Lời của các luồng có sẵn (tiếng Việt).

## chào mừng
welcome-greeting = Chào mừng bạn đến với quầy tư vấn LINE của thành phố! Chúng tôi hướng dẫn cách phân loại rác và nhiều việc khác bằng 13 ngôn ngữ.
welcome-language-prompt = Tôi sẽ hướng dẫn bạn bằng tiếng Việt. Nếu muốn dùng ngôn ngữ khác, hãy chọn bên dưới.

## menu
menu-prompt = Vui lòng chọn việc bạn cần bên dưới.
menu-garbage = Phân loại rác
menu-childcare = Đặt chỗ nhà trẻ
menu-dumping = Báo đổ rác trái phép
menu-language = Ngôn ngữ/Language
menu-help = Hướng dẫn
fallback-not-understood = Xin lỗi, tôi chưa hiểu ý bạn.

## ngôn ngữ
language-prompt = Bạn muốn dùng ngôn ngữ nào?
language-changed = Vâng, từ bây giờ tôi sẽ hướng dẫn bạn bằng tiếng Việt.

## hướng dẫn
help-text = Cách sử dụng:
    • Gửi "menu" bất cứ lúc nào để xem các dịch vụ.
    • Gửi "hủy" để dừng việc đang làm.
    • Gửi "quay lại" để sửa câu trả lời vừa rồi.
    • Gửi "ngôn ngữ" để đổi sang ngôn ngữ khác.
    Các việc khác, vui lòng gọi điện đến tòa thị chính vào ngày thường.

## dịch vụ chưa mở
childcare-unavailable = Hiện chưa thể đặt chỗ ở khu vui chơi trẻ em qua LINE. Chúng tôi đang chuẩn bị, mong bạn chờ thêm một chút!
dumping-unavailable = Hiện chưa thể báo đổ rác trái phép qua LINE. Trong thời gian này, vui lòng gọi điện đến tòa thị chính. Cảm ơn bạn đã thông cảm.

## phân loại rác
garbage-keywords = rác | phân loại rác | vứt rác | tái chế
garbage-ask-item = Bạn muốn vứt gì? Hãy gõ tên đồ vật, ví dụ "pin" hoặc "chảo rán".
garbage-item-too-long = Nội dung hơi dài.
garbage-choose = Bạn muốn nói đến cái nào?
garbage-found = { $item }: { $category }
    { $how }
garbage-notes = Lưu ý: { $notes }
garbage-fee = Phí: { $fee }
garbage-none = Xin lỗi, tôi không tìm thấy đồ vật đó. Hãy thử từ khác, ví dụ "lon" thay vì "lon rỗng".
garbage-unavailable = Xin lỗi, hướng dẫn phân loại rác hiện không dùng được. Vui lòng thử lại sau.
garbage-another = Bạn có thể gõ tên đồ vật khác. Khi xong, hãy bấm "Xong".
garbage-bye = Cảm ơn bạn đã phân loại rác đúng cách!
