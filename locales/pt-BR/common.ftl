# As palavras do próprio motor e os comandos que funcionam a qualquer momento (português do Brasil).

## Comandos: palavras que o morador pode digitar, separadas por |
command-menu = menu | menu principal | início | inicio
command-cancel = cancelar | parar | sair | desistir
command-back = voltar | anterior | desfazer
command-language = idioma | língua | lingua | mudar idioma
command-help = ajuda | como usar

cancelled = Cancelado. Quando precisar, é só mandar "menu".
command-back-none = Não há nada para voltar.
label-cancel = Cancelar
label-back = Voltar
label-menu = Menu
label-done = Concluir

## Sessões
session-expired = Faz um tempo desde a sua última mensagem, então encerrei a nossa conversa anterior. Vamos começar de novo.
still-there = Você ainda está aí? Quando puder, responda à pergunta acima ou toque em um botão abaixo.
flow-changed = Este serviço acabou de ser atualizado, por isso precisamos recomeçar do início. Desculpe!
flow-stay = Vamos terminar isto primeiro. Para parar, mande "cancelar".
action-failed = Desculpe, houve um problema no nosso sistema. Tente novamente daqui a pouco.
ask-gave-up = Desculpe, não consegui entender. Vamos parar por aqui. Mande "menu" para começar de novo.

## Respostas que não servem para a pergunta
ask-wrong-text = Não consegui ler isso como texto.
ask-wrong-choice = Desculpe, isso não está entre as opções.
ask-wrong-number = Mande um número, por exemplo 3.
ask-wrong-date = Não consegui ler isso como data.
ask-wrong-time = Não consegui ler isso como horário.
ask-wrong-datetime = Não consegui ler isso como data e horário.
ask-wrong-phone = Isso não parece um número de telefone do Japão.
ask-wrong-kana = Escreva o nome em katakana ou hiragana.
ask-wrong-image = Mande uma foto.
ask-wrong-location = Mande uma localização.
ask-again-text = Digite a sua resposta. { $remaining ->
    [1] Esta é a última tentativa.
   *[other] Restam { $remaining } tentativas.
}
ask-again-choice = Toque em um dos botões abaixo. { $remaining ->
    [1] Esta é a última tentativa.
   *[other] Restam { $remaining } tentativas.
}
ask-again-number = Digite só algarismos, por exemplo 2. { $remaining ->
    [1] Esta é a última tentativa.
   *[other] Restam { $remaining } tentativas.
}
ask-again-date = Toque em "Escolher data" ou digite como 2026-05-01. { $remaining ->
    [1] Esta é a última tentativa.
   *[other] Restam { $remaining } tentativas.
}
ask-again-time = Toque em "Escolher horário" ou digite como 14:30. { $remaining ->
    [1] Esta é a última tentativa.
   *[other] Restam { $remaining } tentativas.
}
ask-again-datetime = Toque em "Data e horário" ou digite como 2026-05-01 14:30. { $remaining ->
    [1] Esta é a última tentativa.
   *[other] Restam { $remaining } tentativas.
}
ask-again-phone = Digite com o código de área, como 042-481-7111. { $remaining ->
    [1] Esta é a última tentativa.
   *[other] Restam { $remaining } tentativas.
}
ask-again-kana = Por exemplo: ヤマダ ハナコ. { $remaining ->
    [1] Esta é a última tentativa.
   *[other] Restam { $remaining } tentativas.
}
ask-again-image = Toque em "Câmera" ou "Fotos" abaixo. { $remaining ->
    [1] Esta é a última tentativa.
   *[other] Restam { $remaining } tentativas.
}
ask-again-location = Toque em "Enviar localização" abaixo. { $remaining ->
    [1] Esta é a última tentativa.
   *[other] Restam { $remaining } tentativas.
}
ask-skip = Pular
ask-pick-date = Escolher data
ask-pick-time = Escolher horário
ask-pick-datetime = Data e horário
ask-camera = Câmera
ask-camera-roll = Fotos
ask-location = Enviar localização
