# Kata-kata mesin itu sendiri dan perintah yang bisa dipakai kapan saja (bahasa Indonesia).

## Perintah: kata yang bisa diketik warga, dipisahkan dengan |
command-menu = menu | menu utama | beranda | mulai
command-cancel = batal | batalkan | berhenti | keluar
command-back = kembali | sebelumnya | mundur
command-language = bahasa | ganti bahasa | pilih bahasa
command-help = bantuan | cara pakai | tolong

cancelled = Dibatalkan. Jika perlu sesuatu, kirim "menu" kapan saja.
command-back-none = Tidak ada langkah sebelumnya untuk kembali.
label-cancel = Batal
label-back = Kembali
label-menu = Menu
label-done = Selesai

## Sesi
session-expired = Sudah cukup lama, jadi percakapan terakhir kita saya tutup. Mari mulai lagi.
still-there = Apakah Anda masih di sana? Jika sudah siap, jawab pertanyaan di atas atau ketuk tombol di bawah.
flow-changed = Layanan ini baru saja diperbarui, jadi kita harus mulai lagi dari awal. Mohon maaf!
flow-stay = Mari selesaikan ini dulu. Untuk berhenti, kirim "batal".
action-failed = Maaf, terjadi masalah pada sistem kami. Silakan coba lagi sebentar lagi.
ask-gave-up = Maaf, saya tidak bisa memahaminya. Kita berhenti di sini dulu. Kirim "menu" untuk mulai lagi.

## Jawaban yang tidak sesuai dengan pertanyaan
ask-wrong-text = Saya tidak bisa membacanya sebagai teks.
ask-wrong-choice = Maaf, itu tidak ada di antara pilihan.
ask-wrong-number = Silakan kirim angka, misalnya 3.
ask-wrong-date = Saya tidak bisa membacanya sebagai tanggal.
ask-wrong-time = Saya tidak bisa membacanya sebagai jam.
ask-wrong-datetime = Saya tidak bisa membacanya sebagai tanggal dan jam.
ask-wrong-phone = Sepertinya itu bukan nomor telepon Jepang.
ask-wrong-kana = Silakan tulis nama dalam katakana atau hiragana.
ask-wrong-image = Silakan kirim foto.
ask-wrong-location = Silakan kirim lokasi.
ask-again-text = Silakan ketik jawaban Anda (sisa { $remaining } kali percobaan).
ask-again-choice = Silakan ketuk salah satu tombol di bawah (sisa { $remaining } kali percobaan).
ask-again-number = Ketik angka saja, misalnya 2 (sisa { $remaining } kali percobaan).
ask-again-date = Ketuk "Pilih tanggal" atau ketik seperti 2026-05-01 (sisa { $remaining } kali percobaan).
ask-again-time = Ketuk "Pilih jam" atau ketik seperti 14:30 (sisa { $remaining } kali percobaan).
ask-again-datetime = Ketuk "Tanggal dan jam" atau ketik seperti 2026-05-01 14:30 (sisa { $remaining } kali percobaan).
ask-again-phone = Ketik beserta kode area, seperti 042-481-7111 (sisa { $remaining } kali percobaan).
ask-again-kana = Contoh: ヤマダ ハナコ (sisa { $remaining } kali percobaan).
ask-again-image = Ketuk "Kamera" atau "Foto" di bawah (sisa { $remaining } kali percobaan).
ask-again-location = Ketuk "Kirim lokasi" di bawah (sisa { $remaining } kali percobaan).
ask-skip = Lewati
ask-pick-date = Pilih tanggal
ask-pick-time = Pilih jam
ask-pick-datetime = Tanggal dan jam
ask-camera = Kamera
ask-camera-roll = Foto
ask-location = Kirim lokasi
