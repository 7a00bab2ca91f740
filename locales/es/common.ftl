# Las palabras del propio motor y los comandos que funcionan en cualquier momento (español).

## Comandos: palabras que el residente puede escribir, separadas por |
command-menu = menú | menu | menú principal | inicio
command-cancel = cancelar | parar | salir | detener
command-back = atrás | atras | volver | anterior
command-language = idioma | cambiar idioma | lengua
command-help = ayuda | cómo usar | como usar

cancelled = Cancelado. Cuando lo necesite, escriba "menú".
command-back-none = No hay ningún paso anterior al que volver.
label-cancel = Cancelar
label-back = Atrás
label-menu = Menú
label-done = Terminar

## Sesiones
session-expired = Ha pasado un tiempo, así que cerré nuestra conversación anterior. Empecemos de nuevo.
still-there = ¿Sigue ahí? Cuando quiera, responda a la pregunta de arriba o toque un botón de abajo.
flow-changed = Este servicio se acaba de actualizar, así que hay que empezar desde el principio. ¡Disculpe las molestias!
flow-stay = Terminemos esto primero. Para dejarlo, escriba "cancelar".
action-failed = Lo sentimos, hubo un problema en nuestro sistema. Inténtelo de nuevo en un rato.
ask-gave-up = Lo siento, no he podido entenderle. Lo dejamos aquí por ahora. Escriba "menú" para empezar de nuevo.

## Respuestas que no corresponden a la pregunta
ask-wrong-text = No pude leer eso como texto.
ask-wrong-choice = Lo siento, esa no es una de las opciones.
ask-wrong-number = Envíe un número, por ejemplo 3.
ask-wrong-date = No pude leer eso como una fecha.
ask-wrong-time = No pude leer eso como una hora.
ask-wrong-datetime = No pude leer eso como fecha y hora.
ask-wrong-phone = Eso no parece un número de teléfono de Japón.
ask-wrong-kana = Escriba el nombre en katakana o hiragana.
ask-wrong-image = Envíe una foto.
ask-wrong-location = Envíe una ubicación.
ask-again-text = Escriba su respuesta. { $remaining ->
    [1] Es el último intento.
   *[other] Quedan { $remaining } intentos.
}
ask-again-choice = Toque uno de los botones de abajo. { $remaining ->
    [1] Es el último intento.
   *[other] Quedan { $remaining } intentos.
}
ask-again-number = Escriba solo cifras, por ejemplo 2. { $remaining ->
    [1] Es el último intento.
   *[other] Quedan { $remaining } intentos.
}
ask-again-date = Toque "Elegir fecha" o escríbala como 2026-05-01. { $remaining ->
    [1] Es el último intento.
   *[other] Quedan { $remaining } intentos.
}
ask-again-time = Toque "Elegir hora" o escríbala como 14:30. { $remaining ->
    [1] Es el último intento.
   *[other] Quedan { $remaining } intentos.
}
ask-again-datetime = Toque "Fecha y hora" o escríbalas como 2026-05-01 14:30. { $remaining ->
    [1] Es el último intento.
   *[other] Quedan { $remaining } intentos.
}
ask-again-phone = Escríbalo con el prefijo, como 042-481-7111. { $remaining ->
    [1] Es el último intento.
   *[other] Quedan { $remaining } intentos.
}
ask-again-kana = Por ejemplo: ヤマダ ハナコ. { $remaining ->
    [1] Es el último intento.
   *[other] Quedan { $remaining } intentos.
}
ask-again-image = Toque "Cámara" o "Fotos" abajo. { $remaining ->
    [1] Es el último intento.
   *[other] Quedan { $remaining } intentos.
}
ask-again-location = Toque "Enviar ubicación" abajo. { $remaining ->
    [1] Es el último intento.
   *[other] Quedan { $remaining } intentos.
}
ask-skip = Omitir
ask-pick-date = Elegir fecha
ask-pick-time = Elegir hora
ask-pick-datetime = Fecha y hora
ask-camera = Cámara
ask-camera-roll = Fotos
ask-location = Enviar ubicación
