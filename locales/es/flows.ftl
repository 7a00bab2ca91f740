# Las palabras de los flujos incluidos (español).

## bienvenida
welcome-greeting = ¡Bienvenido a la ventanilla del ayuntamiento en LINE! Le ayudamos a separar la basura y con otros trámites, en 13 idiomas.
welcome-language-prompt = Le escribiré en español. Si prefiere otro idioma, elíjalo abajo.

## menú
menu-prompt = ¿En qué podemos ayudarle? Elija abajo.
menu-garbage = Separar la basura
menu-childcare = Reserva guardería
menu-dumping = Denunciar vertidos
menu-language = Idioma / Language
menu-help = Ayuda
fallback-not-understood = Lo siento, no le he entendido.

## idioma
language-prompt = ¿Qué idioma prefiere?
language-changed = De acuerdo, a partir de ahora le escribiré en español.

## ayuda
help-text = Cómo usar este servicio:
    • Escriba "menú" en cualquier momento para ver lo que ofrecemos.
    • Escriba "cancelar" para dejar lo que está haciendo.
    • Escriba "atrás" para cambiar su última respuesta.
    • Escriba "idioma" para elegir otro idioma.
    Para otros asuntos, llame al ayuntamiento en días laborables.

## servicios que aún no están abiertos
childcare-unavailable = La reserva del espacio infantil por LINE aún no está disponible. Lo estamos preparando. ¡Gracias por su paciencia!
dumping-unavailable = La denuncia de vertidos ilegales por LINE aún no está disponible. Mientras tanto, llame al ayuntamiento. Gracias por su comprensión.

## basura
garbage-keywords = basura | separar basura | reciclaje | residuos
garbage-ask-item = ¿Qué quiere tirar? Escriba el nombre del objeto, por ejemplo "pila" o "sartén".
garbage-item-too-long = Es un poco largo.
garbage-choose = ¿A cuál se refiere?
garbage-found = { $item }: { $category }
    { $how }
garbage-notes = Atención: { $notes }
garbage-fee = Tarifa: { $fee }
garbage-none = Lo siento, no encontré ese objeto. Pruebe con otra palabra, por ejemplo "lata" en lugar de "lata vacía".
garbage-unavailable = Lo siento, la guía para separar la basura no está disponible ahora. Inténtelo más tarde.
garbage-another = Puede escribir otro objeto. Cuando termine, toque "Terminar".
garbage-bye = ¡Gracias por separar bien la basura!
