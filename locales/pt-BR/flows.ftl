# As palavras dos fluxos que vêm com o sistema (português do Brasil).

## boas-vindas
welcome-greeting = Bem-vindo ao atendimento da prefeitura no LINE! Ajudamos com a separação do lixo e outros assuntos, em 13 idiomas.
welcome-language-prompt = Vou escrever para você em português. Para usar outro idioma, toque nele abaixo.

## menu
menu-prompt = Em que podemos ajudar? Escolha abaixo.
menu-garbage = Separação do lixo
menu-childcare = Reserva de creche
menu-dumping = Denunciar descarte
menu-language = Idioma / Language
menu-help = Ajuda
fallback-not-understood = Desculpe, não entendi.

## idioma
language-prompt = Qual idioma você prefere?
language-changed = Certo, a partir de agora vou escrever para você em português.

## ajuda
help-text = Como usar este serviço:
    • Mande "menu" a qualquer momento para ver o que oferecemos.
    • Mande "cancelar" para parar o que está fazendo.
    • Mande "voltar" para mudar a sua última resposta.
    • Mande "idioma" para escolher outro idioma.
    Para outros assuntos, ligue para a prefeitura em dias úteis.

## serviços que ainda não abriram
childcare-unavailable = A reserva do espaço infantil pelo LINE ainda não está disponível. Estamos preparando tudo. Obrigado pela paciência!
dumping-unavailable = A denúncia de descarte ilegal de lixo pelo LINE ainda não está disponível. Até lá, ligue para a prefeitura. Obrigado pela compreensão.

## lixo
garbage-keywords = lixo | separação do lixo | separacao do lixo | reciclagem
garbage-ask-item = O que você quer jogar fora? Digite o nome do objeto, por exemplo "pilha" ou "frigideira".
garbage-item-too-long = Ficou um pouco longo.
garbage-choose = Qual deles você quer dizer?
garbage-found = { $item }: { $category }
    { $how }
garbage-notes = Atenção: { $notes }
garbage-fee = Taxa: { $fee }
garbage-none = Desculpe, não encontrei esse objeto. Tente outra palavra, por exemplo "lata" em vez de "lata vazia".
garbage-unavailable = Desculpe, o guia de separação do lixo não está disponível agora. Tente novamente mais tarde.
garbage-another = Você pode digitar outro objeto. Quando terminar, toque em "Concluir".
garbage-bye = Obrigado por separar o seu lixo!
