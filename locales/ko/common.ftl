# 엔진 자체의 문구와 언제든 쓸 수 있는 명령어(한국어).

## 명령어: 주민이 입력할 수 있는 말, | 로 구분
command-menu = 메뉴 | 메인 메뉴 | 처음 | 홈
command-cancel = 취소 | 그만 | 중지 | 종료
command-back = 뒤로 | 이전 | 돌아가기
command-language = 언어 | 언어 변경 | 언어 선택
command-help = 도움말 | 사용법 | 도움

cancelled = 취소했습니다. 필요하실 때 언제든지 "메뉴"라고 보내 주세요.
command-back-none = 더 이상 돌아갈 곳이 없습니다.
label-cancel = 취소
label-back = 뒤로
label-menu = 메뉴
label-done = 완료

## 세션
session-expired = 시간이 꽤 지나서 이전 대화를 종료했습니다. 다시 시작해 주세요.
still-there = 아직 계신가요? 준비되시면 위의 질문에 답하시거나 아래 버튼을 눌러 주세요.
flow-changed = 이 서비스가 방금 업데이트되어 처음부터 다시 시작합니다. 불편을 드려 죄송합니다.
flow-stay = 먼저 이 절차를 마쳐 주세요. 그만두시려면 "취소"라고 보내 주세요.
action-failed = 죄송합니다. 시스템에 문제가 발생했습니다. 잠시 후 다시 시도해 주세요.
ask-gave-up = 죄송합니다. 이해하지 못했습니다. 여기서 일단 종료합니다. "메뉴"라고 보내시면 다시 시작할 수 있습니다.

## 질문에 맞지 않는 답변
ask-wrong-text = 글자로 읽을 수 없었습니다.
ask-wrong-choice = 죄송합니다. 선택지에 없는 답변입니다.
ask-wrong-number = 숫자로 보내 주세요. 예: 3
ask-wrong-date = 날짜로 읽을 수 없었습니다.
ask-wrong-time = 시간으로 읽을 수 없었습니다.
ask-wrong-datetime = 날짜와 시간으로 읽을 수 없었습니다.
ask-wrong-phone = 일본 전화번호 형식이 아닌 것 같습니다.
ask-wrong-kana = 이름은 가타카나나 히라가나로 입력해 주세요.
ask-wrong-image = 사진을 보내 주세요.
ask-wrong-location = 위치 정보를 보내 주세요.
ask-again-text = 글자로 답변을 입력해 주세요(남은 횟수 { $remaining }회).
ask-again-choice = 아래 버튼 중에서 골라 주세요(남은 횟수 { $remaining }회).
ask-again-number = 숫자만 입력해 주세요. 예: 2(남은 횟수 { $remaining }회)
ask-again-date = "날짜 선택"을 누르거나 2026-05-01 형식으로 입력해 주세요(남은 횟수 { $remaining }회).
ask-again-time = "시간 선택"을 누르거나 14:30 형식으로 입력해 주세요(남은 횟수 { $remaining }회).
ask-again-datetime = "날짜·시간 선택"을 누르거나 2026-05-01 14:30 형식으로 입력해 주세요(남은 횟수 { $remaining }회).
ask-again-phone = 지역번호부터 042-481-7111 처럼 입력해 주세요(남은 횟수 { $remaining }회).
ask-again-kana = 예: ヤマダ ハナコ(남은 횟수 { $remaining }회)
ask-again-image = 아래의 "카메라"나 "사진"을 눌러 주세요(남은 횟수 { $remaining }회).
ask-again-location = 아래의 "위치 보내기"를 눌러 주세요(남은 횟수 { $remaining }회).
ask-skip = 건너뛰기
ask-pick-date = 날짜 선택
ask-pick-time = 시간 선택
ask-pick-datetime = 날짜·시간 선택
ask-camera = 카메라
ask-camera-roll = 사진
ask-location = 위치 보내기
