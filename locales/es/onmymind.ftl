# «Lo que tengo en mente»: las descripciones del comando, las respuestas que solo ve quien escribe
# la nota, la publicación que responde su pareja, el recordatorio y la pregunta posterior, que
# solo recibe quien escribió la nota.

omm-command = Notas privadas de lo que te gustaría hablar, y ayuda para sacar el tema con delicadeza
omm-command-add = Guardar una nota privada (solo tú puedes verla)
omm-command-add-text = Lo que tienes en mente (500 caracteres como mucho)
omm-command-list = Tus notas, solo para ti, con un botón para sacar el tema de cada una
omm-command-edit = Cambiar una de tus notas
omm-command-edit-text = Las palabras nuevas (500 caracteres como mucho)
omm-command-delete = Borrar una de tus notas
omm-command-bring = Hablar con tu pareja de una de tus notas, con delicadeza
omm-command-note = Empieza a escribir y elige una de tus notas

omm-kept = Guardada, solo para ti. Nadie en el servidor ve esta nota, tampoco tu pareja, y no se publica nada sobre ella hasta que decidas sacar el tema. Como todo lo que guarda haven, queda almacenada donde quien aloja haven podría leerla (`/help` lo explica mejor). `/onmymind list` te muestra tus notas.
omm-edited = Actualizada. La nota sigue siendo solo tuya.
omm-deleted = Borrada. Ya no está en tu lista.
omm-deleted-after-bringing-up = Borrada. Ya no está en tu lista, y no se enviará ningún recordatorio ni ninguna pregunta pendiente sobre ella. Lo que ya se publicó en su canal se queda allí.
omm-list-empty = Aquí todavía no hay nada. Cuando algo te ronde la cabeza, `/onmymind add` lo guarda en privado hasta que sientas que es el momento.
omm-list-title = Lo que tienes en mente (solo tú puedes verlo)
omm-list-hint = Cuando sientas que es el momento, un botón de abajo te ayuda a encontrar una forma suave de empezar. No se publica nada hasta que tú lo digas.
# Una línea de la lista: su número, las palabras de la nota (ya limpias) y en qué punto está.
omm-list-line = { $status ->
    [brought-up] **{ $n }.** { $text } (ya sacaste el tema; la conversación está por llegar)
    [done] **{ $n }.** { $text } (ya lo hablaron)
   *[open] **{ $n }.** { $text }
}
# Una sugerencia mientras se elige una nota: su número y sus palabras.
omm-suggestion = { $n }. { $text }
# El botón que abre el formulario de la nota número $n.
omm-bring-up-button = Hablar de la { $n }

# El formulario que ayuda a empezar con suavidad. Los tres textos «-start» rellenan sus casillas
# de antemano y quien escribe sigue a partir de ellos: cada uno termina donde empiezan sus palabras.
omm-form-title = Una forma suave de empezar
omm-form-feel = Lo que he estado sintiendo
omm-form-about = Sobre qué
omm-form-love = Lo que me encantaría
omm-form-feel-start = Últimamente me he sentido{" "}
omm-form-about-start = con respecto a { $note }
omm-form-love-start = y me encantaría que{" "}

omm-draft-ready = Aquí tienes tu forma de empezar, tal como la escribiste. ¿La publico en su canal con estas palabras, o solo le cuento a { $partner } que tienes algo de lo que te gustaría hablar, sin ellas? En cualquier caso, se le pedirá que elija un momento tranquilo, sin ninguna presión, y no se publica nada hasta que tú lo decidas.
omm-draft-title = Tu forma de empezar
omm-post-with-words-button = Publicar con mis palabras
omm-post-without-words-button = Publicar sin mis palabras
omm-brought-up = { $with_words ->
    [yes] Hecho. Se lo hago saber a { $partner } en su canal, con tus palabras. Puede elegir un momento (esta noche, mañana o este fin de semana), y llegado el momento se lo recordaré a los dos. Si necesita un poco más de tiempo, también está bien.
   *[no] Hecho. Le hago saber a { $partner } en su canal que tienes algo de lo que te gustaría hablar; tus palabras se quedan contigo. Puede elegir un momento (esta noche, mañana o este fin de semana), y llegado el momento se lo recordaré a los dos. Si necesita un poco más de tiempo, también está bien.
}

# La publicación en el canal: quien escribió la nota quiere hablar, en un momento tranquilo.
omm-talk-invitation = { $with_words ->
    [yes] { $partner }, { $author } tiene algo en mente de lo que le gustaría hablar contigo, en un momento tranquilo. Quiso compartir cómo le gustaría empezar. No hay prisa ni nada que preparar. ¿Cuándo te vendría bien?
   *[no] { $partner }, { $author } tiene algo en mente de lo que le gustaría hablar contigo, en un momento tranquilo. No hay prisa ni nada que preparar. ¿Cuándo te vendría bien?
}
# Qué significa cada botón de abajo, en la zona horaria de la pareja.
omm-talk-times = «Esta noche» son las 20:00, o una hora después de elegirlo si ya pasaron las 20:00 (después de las 23:00, mañana a las 20:00); «Mañana» son las 20:00; «Este fin de semana» es el próximo sábado o domingo a las 11:00. Las horas son las de { $timezone }. Solo puede elegir la persona a quien se le pregunta.
omm-in-their-words = En sus palabras
omm-pick-tonight-button = Esta noche
omm-pick-tomorrow-button = Mañana
omm-pick-weekend-button = Este fin de semana
omm-pick-more-time-button = Necesito un poco más de tiempo
# La respuesta pública a la elección: quién eligió, cuándo es ($when completo, $relative como «dentro de 3 horas») y qué hará haven.
omm-picked = { $paused ->
    [yes] { $partner } eligió el { $when } ({ $relative }) para hablar. haven estará en pausa entonces, así que no enviaré ningún recordatorio; ese momento sigue siendo de ustedes.
   *[no] { $partner } eligió el { $when } ({ $relative }) para hablar. Llegado el momento se lo recordaré a los dos, una sola vez.
}
omm-more-time = No pasa nada, de verdad. Tómate el tiempo que necesites: estos botones se quedan aquí, y puedes elegir uno cuando sientas que es el momento. Nadie sabrá que pulsaste este botón.
# El recordatorio a la hora elegida: nunca una palabra de la nota.
omm-talk-reminder = { $first } { $second }, es el momento que eligieron para hablar. Vayan con calma: una persona habla mientras la otra escucha, y luego se turnan. Está bien hacer una pausa y retomarlo otro día.
# La pregunta posterior, por mensaje directo, solo a quien escribió la nota; $when es el momento elegido, completo.
omm-talk-ask = Hola, te escribe haven. El { $when } era el momento que tú y tu pareja eligieron para hablar de algo que tenías en mente. ¿Pudieron hablarlo? Sea cual sea la respuesta, está bien. Solo tú ves esta pregunta.
# La misma pregunta, en la siguiente respuesta a quien escribió la nota en el servidor, cuando no le llegó un mensaje directo.
omm-talk-ask-here = No pude escribirte por mensaje directo, así que te lo pregunto aquí, donde solo tú puedes verlo: el { $when } era el momento que tú y tu pareja eligieron para hablar de algo que tenías en mente. ¿Pudieron hablarlo? Sea cual sea la respuesta, está bien.
omm-we-talked-button = Ya lo hablamos
omm-keep-on-list-button = Dejarla en mi lista
omm-marked-talked = Gracias por contármelo. Anoté que ya lo hablaron. Saliera como saliera, sacar el tema fue un gesto de cuidado.
omm-kept-on-list = Vuelve a estar en tu lista privada, solo para ti. Saca el tema otra vez cuando te parezca el momento.

# Un «no» amable sobre una nota.
omm-refusal-not-found = No encontré esa nota en tu lista. `/onmymind list` te muestra las notas que guardas.
omm-refusal-empty = Queda vacío al quitar los caracteres invisibles y de control. Escribe unas pocas palabras y te las guardo.
omm-refusal-too-long = { $max ->
    [one] Es un texto un poco largo: déjalo en { $max } carácter como mucho, por favor. Con unas pocas palabras basta.
   *[other] Es un texto un poco largo: déjalo en { $max } caracteres como mucho, por favor. Con unas pocas palabras basta.
}
omm-refusal-too-many = { $max ->
    [one] Ya guardas { $max } nota, que es lo máximo que haven guarda a la vez. Cuando hayan hablado de ella, o la hayas borrado, habrá sitio para una nueva.
   *[other] Ya guardas { $max } notas, que es lo máximo que haven guarda a la vez. Cuando hayas hablado de alguna, o borrado una que ya no necesites, habrá sitio para una nueva.
}
omm-refusal-already-brought-up = Ya sacaste el tema de esta nota, así que por ahora se queda como está. Pasado el momento que eligieron, te preguntaré cómo fue.
omm-refusal-no-draft = Ese formulario caducó. Vuelve a abrirlo desde `/onmymind list`.
omm-refusal-for-your-partner = Esta respuesta le toca a tu pareja, para que el momento también le venga bien. Aquí verás lo que elija.
omm-refusal-not-for-you = Estos botones son para la persona con quien se compartió esto.
omm-refusal-already-reminded = El recordatorio de esta conversación ya se envió, así que el momento ya no puede cambiar. Siempre pueden acordar otro momento entre los dos.
omm-refusal-over = Esto ya no espera respuesta: la nota se respondió, se borró o se olvidó.
