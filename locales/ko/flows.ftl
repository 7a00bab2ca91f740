# 기본 제공 흐름의 문구(한국어).

## 환영
welcome-greeting = 시청 LINE 상담 창구에 오신 것을 환영합니다! 쓰레기 분리배출 안내 등을 13개 언어로 제공합니다.
welcome-language-prompt = 한국어로 안내해 드리겠습니다. 다른 언어를 원하시면 아래에서 골라 주세요.

## 메뉴
menu-prompt = 아래에서 용건을 골라 주세요.
menu-garbage = 쓰레기 분리배출
menu-childcare = 육아 광장 예약
menu-dumping = 불법 투기 신고
menu-language = 언어 / Language
menu-help = 사용법
fallback-not-understood = 죄송합니다. 잘 이해하지 못했습니다.

## 언어
language-prompt = 어떤 언어로 하시겠습니까?
language-changed = 앞으로 한국어로 안내해 드리겠습니다.

## 사용법
help-text = 사용법 안내:
    • 언제든지 "메뉴"라고 보내시면 이용할 수 있는 서비스를 볼 수 있습니다.
    • "취소"라고 보내시면 진행 중인 절차를 그만둘 수 있습니다.
    • "뒤로"라고 보내시면 바로 앞의 답변을 고칠 수 있습니다.
    • "언어"라고 보내시면 언어를 바꿀 수 있습니다.
    그 밖의 용건은 평일에 시청으로 전화해 주세요.

## 아직 시작하지 않은 서비스
childcare-unavailable = 육아 광장 LINE 예약은 아직 이용하실 수 없습니다. 지금 준비 중이니 조금만 기다려 주세요.
dumping-unavailable = 불법 투기 LINE 신고는 아직 이용하실 수 없습니다. 그때까지는 시청으로 전화해 주세요. 양해해 주셔서 감사합니다.

## 쓰레기 분리배출
garbage-keywords = 쓰레기 | 분리수거 | 분리배출 | 재활용
garbage-ask-item = 무엇을 버리시나요? 품목 이름을 입력해 주세요. 예: "건전지", "프라이팬"
garbage-item-too-long = 내용이 조금 깁니다.
garbage-choose = 어느 것을 말씀하시나요?
garbage-found = { $item }: { $category }
    { $how }
garbage-notes = 주의: { $notes }
garbage-fee = 수수료: { $fee }
garbage-none = 죄송합니다. 그 품목을 찾지 못했습니다. "빈 캔" 대신 "캔"처럼 다른 말로 시도해 주세요.
garbage-unavailable = 죄송합니다. 지금은 쓰레기 분리배출 안내를 이용할 수 없습니다. 잠시 후 다시 시도해 주세요.
garbage-another = 다른 품목도 찾아볼 수 있습니다. 다 끝나셨으면 "완료"를 눌러 주세요.
garbage-bye = 분리배출에 협조해 주셔서 감사합니다!
