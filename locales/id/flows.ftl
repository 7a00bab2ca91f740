# Kata-kata alur bawaan (bahasa Indonesia).

## sambutan
welcome-greeting = Selamat datang di loket layanan LINE pemerintah kota! Kami membantu cara memilah sampah dan lainnya dalam 13 bahasa.
welcome-language-prompt = Saya akan menulis dalam bahasa Indonesia. Untuk bahasa lain, silakan pilih di bawah.

## menu
menu-prompt = Ada yang bisa kami bantu? Pilih di bawah.
menu-garbage = Memilah sampah
menu-childcare = Reservasi penitipan
menu-dumping = Lapor buang sampah
menu-language = Bahasa / Language
menu-help = Bantuan
fallback-not-understood = Maaf, saya tidak mengerti.

## bahasa
language-prompt = Bahasa apa yang Anda inginkan?
language-changed = Baik, mulai sekarang saya akan menulis dalam bahasa Indonesia.

## bantuan
help-text = Cara menggunakan layanan ini:
    • Kirim "menu" kapan saja untuk melihat layanan kami.
    • Kirim "batal" untuk menghentikan yang sedang Anda lakukan.
    • Kirim "kembali" untuk mengubah jawaban terakhir Anda.
    • Kirim "bahasa" untuk memilih bahasa lain.
    Untuk keperluan lain, silakan telepon kantor pemerintah kota pada hari kerja.

## layanan yang belum dibuka
childcare-unavailable = Reservasi ruang bermain anak lewat LINE belum tersedia. Kami sedang menyiapkannya. Terima kasih atas kesabaran Anda!
dumping-unavailable = Laporan pembuangan sampah ilegal lewat LINE belum tersedia. Sementara itu, silakan telepon kantor pemerintah kota. Terima kasih atas pengertian Anda.

## sampah
garbage-keywords = sampah | memilah sampah | buang sampah | daur ulang
garbage-ask-item = Apa yang ingin Anda buang? Ketik nama barangnya, misalnya "baterai" atau "wajan".
garbage-item-too-long = Agak terlalu panjang.
garbage-choose = Yang mana yang Anda maksud?
garbage-found = { $item }: { $category }
    { $how }
garbage-notes = Perhatian: { $notes }
garbage-fee = Biaya: { $fee }
garbage-none = Maaf, barang itu tidak ditemukan. Coba kata lain, misalnya "kaleng" sebagai ganti "kaleng kosong".
garbage-unavailable = Maaf, panduan memilah sampah sedang tidak tersedia. Silakan coba lagi nanti.
garbage-another = Anda bisa mengetik barang lain. Jika sudah selesai, ketuk "Selesai".
garbage-bye = Terima kasih sudah memilah sampah dengan benar!
