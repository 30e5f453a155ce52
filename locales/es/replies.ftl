# Las respuestas a los comandos: /help, check-ins, rachas, agradecimientos, propuestas, exportar y olvidar.

how-long-title = Cuánto tiempo se guarda
hard-times-title = Cuando las cosas se ponen difíciles
how-long-it-is-kept = Sus check-ins, estados de ánimo, lo que se devolvieron con «Devolver lo escuchado», agradecimientos, rachas, pulsos semanales y notas se guardan hasta que cualquiera de los dos use `/forget`, o hasta { $days ->
        [one] { $days } día después de que haven salga de este servidor
       *[other] { $days } días después de que haven salga de este servidor
    }. `/forget` los borra para siempre; no alcanza a las exportaciones que ya hicieron ni a las copias de seguridad de quien aloja haven hasta que caduquen.
help = **haven** les ayuda a crear cercanía con pequeños hábitos diarios: valorarse, escucharse bien y hacer check-in.

    {"*"}*Para empezar**: en un canal privado que compartan, usa `/setup partner:@tu-pareja timezone:Tu/Ciudad`. Tu pareja recibe una invitación para aceptar. Añade `private_channel:true` y crearé un canal privado para los dos cuando acepte.

    {"*"}*Privacidad**: solo publico donde nadie de fuera puede leer, y reviso los permisos del canal antes de empezar. La persona dueña del servidor y cualquiera con un rol de administración pueden leer todos los canales de un servidor, también el suyo. Quien aloja haven puede leer su base de datos, donde se guardan sus check-ins. Nunca leo sus mensajes (no tengo ese permiso) y solo veo lo que me dan a través de mis comandos.
help-commands-title = Comandos
help-commands =
    • `/setup`: invita a tu pareja y elige dónde vive haven.
    • `/schedule show` / `/schedule set`: cuándo llega su propuesta del día (hora, días, zona horaria o cron).
    • `/pause [days]`, `/resume`, `/skip`: tomarse un descanso, volver, o saltarse solo la siguiente propuesta del día. Una pausa es tuya: solo tú puedes terminarla antes.
    • `/prompt now [practice]`: una propuesta al momento (*Después de un desacuerdo* solo llega así). `/prompt add`: añade una propia (se muestra quién la añadió; hasta 20 por persona). `/prompt remove`: quita cualquiera de las suyas.
    • `/checkin`: tu estado de ánimo y tu respuesta a la pregunta de hoy, en privado hasta que los dos hagan su check-in; entonces muestro ambas a la vez.
    • `/appreciate`: dile a tu pareja algo que valoras. *Guardar en el tarro* (en un mensaje suyo) conserva ese mensaje en su tarro.
    • `/streak`: su racha juntos y las últimas 26 semanas; tus propios números solo los ves tú.
    • `/notify`: si mis publicaciones te mencionan y si te recuerdo hacer check-in; solo tú ves o cambias lo tuyo.
    • `/anniversary`: una fecha que los dos guardan; ese día, la primera propuesta del día habla de su historia.
    • `/onmymind`: notas privadas de temas de los que te gustaría hablar, que nadie ve hasta que saques uno.
    • `/pulse`: cuatro preguntas privadas cada día de resumen, para tu propio gráfico (más abajo).
    • `/settings`: el inicio de su día, el día del resumen, juntos o separados, y el idioma de su canal; tu zona horaria y tu idioma.
    • `/export`: un archivo con tus datos. `/forget`: borra todo lo que haven guarda sobre ustedes dos (después de que lo confirmes).
    • `/help`: este mensaje.
when-things-are-hard = haven es un pequeño hábito diario, no una terapia, y no puede ayudar en una crisis. En <{ $url }> hay líneas de ayuda gratuitas y confidenciales. Si alguna vez tienes miedo de tu pareja, lo primero es tu seguridad: `/pause` y `/forget` también funcionan desde cualquier otro canal de este servidor, y allí solo tú ves mi respuesta.
with-care-line =
    { $confirmation }

    Parece que los últimos días han sido pesados. No tienes que cargar con eso a solas: si crees que te ayudaría hablar con alguien fuera de la pareja, aquí tienes apoyo gratuito y confidencial: <{ $url }>
forget-what = **Olvidar borra, para los dos y para siempre:**
    • cada check-in y cada estado de ánimo, los tuyos y los de tu pareja
    • lo que se devolvieron con «Devolver lo escuchado», los agradecimientos y su tarro de agradecimientos
    • el historial de su racha
    • sus propuestas propias
    • los pulsos semanales de cada uno y sus notas personales, y las notas de lo que cada cual tiene en mente (/onmymind)
    • los ajustes de la pareja: el horario, la zona horaria y el aniversario
    • las invitaciones que nombran a cualquiera de los dos en este servidor (un «ahora no» que alguien le dio a uno de ustedes se queda hasta que termina su tiempo de espera, y luego se va solo)

    {"*"}*Lo que no alcanza:** las exportaciones que ya hicieron se quedan donde las guardaron, y las copias de seguridad de quien aloja haven conservan una copia durante su periodo de retención. Sus propios mensajes en { $channel } se quedan, y el canal también.

    Todavía no se ha borrado nada. Si quieres una copia de tus datos antes, usa `/export`.
forget-confirm =
    { $what }

    {"*"}*Publicaciones de haven en { $channel }:** ¿quito todos los mensajes que publiqué allí para ustedes (las propuestas del día, los avisos de check-in, las respuestas compartidas, los agradecimientos y mis respuestas a sus comandos), o los dejo?
forget-confirm-partner =
    { $what }

    { $remove_posts ->
        [yes] **Publicaciones de haven en { $channel }:** las quitaré.
       *[no] **Publicaciones de haven en { $channel }:** las dejaré.
    }

    {"*"}*{ $partner }:** ¿publico una nota breve en { $channel } para contarle que me pediste borrar los datos de la pareja (nada más, ninguna de tus palabras), o lo borro todo en silencio?
forgotten = Hecho: se borró todo lo que haven guardaba sobre ustedes dos. { $remove_posts ->
        [yes] Ahora estoy quitando mis publicaciones de { $channel }.
       *[no] Mis publicaciones en { $channel } se quedan como están.
    } { $told ->
        [yes] Una nota breve allí se lo cuenta a { $partner }.
       *[no] No se lo he contado a { $partner }.
    } Siempre puedes volver con /setup.
forget-remove-posts-button = Quitar las publicaciones de haven
forget-leave-posts-button = Dejar las publicaciones de haven
forget-tell-button = Contárselo y olvidar
forget-quietly-button = Olvidar en silencio
forget-cancel-button = Cancelar, no borrar nada
forget-cancelled = No se borró nada.
not-paired-pause = En este servidor todavía no usas haven con nadie, así que no hay propuestas del día tuyas que pausar.
not-paired = En este servidor todavía no usas haven con nadie y ninguna invitación de aquí te nombra, así que no hay nada tuyo que olvidar.
invitations-deleted = { $n ->
    [one] Borré la invitación que te nombraba en este servidor.
   *[other] Borré las { $n } invitaciones que te nombraban en este servidor.
}
invitations-lifted = { $n ->
    [one] Una de ellas era una invitación a la que respondiste «ahora no», así que quien la envió puede volver a invitarte; siempre puedes decir que ahora no.
   *[other] { $n } de ellas eran invitaciones a las que respondiste «ahora no», así que quienes las enviaron pueden volver a invitarte; siempre puedes decir que ahora no.
}
invitations-kept = { $n ->
    [one] Una invitación que enviaste recibió un «ahora no». La guardo un tiempo para respetar esa respuesta, y luego la borro por mi cuenta.
   *[other] { $n } invitaciones que enviaste recibieron un «ahora no». Las guardo un tiempo para respetar esas respuestas, y luego las borro por mi cuenta.
}
invitations-nothing-else = Aquí todavía no usas haven con nadie, así que no hay nada más tuyo que olvidar.
prompt-added = { $practice ->
    [appreciation] Añadida a sus propuestas de aprecio.
    [active-listening] Añadida a sus propuestas de escucha activa.
    [vulnerability] Añadida a sus propuestas para mostrarse vulnerables.
    [quality-time] Añadida a sus propuestas de tiempo de calidad.
   *[validation] Añadida a sus propuestas para validar emociones.
} Saldrá cuando le toque.
checkin-title = El check-in de hoy
mood-label = Ánimo, de 1 (muy bajo) a 5 (muy bien)
question-label = La pregunta de hoy
appreciated-label = Algo que valoré de ti hoy
hear-label = Algo que me gustaría que escucharas de verdad
reflect-title = Devolver lo escuchado
reflect-label = Lo que te escuché decir es...
felt-heard = { $author } dice que sí, que captaste lo que quería decir. Gracias, { $reflector }.
not-quite = { $author } dijo: no del todo. Es bueno saberlo; quizá puedas hacer una pregunta amable sobre lo que se te escapó, { $reflector }.
checkin-updated = Actualizado. Tus respuestas siguen en privado hasta que { $partner } también haga su check-in.
checkin-saved = Gracias por hacer tu check-in. Tus respuestas siguen en privado hasta que { $partner } también haga el suyo; entonces mostraré las dos a la vez.
checkin-revealed = Gracias. Ya hicieron check-in los dos: estoy mostrando sus respuestas en el canal.
checkin-kept-nothing-written = Guardé tu estado de ánimo. Un check-in también necesita unas palabras: responde a la pregunta de hoy, o comparte algo que valoraste o algo que te gustaría que tu pareja escuchara. Pulsa Editar cuando quieras.
checkin-kept-invalid = Guardé lo que escribiste, pero { $why }. Pulsa Editar para corregirlo.
checkin-kept-day-over = El check-in de ese día ya se cerró, así que guardé lo que escribiste como borrador. Pulsa Editar para hacer el check-in de hoy.
checkin-kept-already-revealed = Las respuestas de hoy ya se mostraron, así que ya no se pueden cambiar. Guardé lo que escribiste como borrador.
streak-fresh-start = Un nuevo comienzo: hagan check-in hoy los dos y su racha empieza.
streak-together = **Los dos**: { $current ->
        [one] { $current } día
       *[other] { $current } días
    } (racha más larga: { $longest ->
        [one] { $longest } día
       *[other] { $longest } días
    })
streak-freezes = **Protecciones**: { $held } de 2 (ganan una por cada 7 días en que los dos hacen check-in; si un día se queda sin check-in, una protección lo cubre con cariño)
streak-so-far = **Hasta ahora**: { $days ->
        [one] { $days } día
       *[other] { $days } días
    } juntos
own-streak-begins-again = Solo tú ves esto. Tu propia racha vuelve a empezar con tu próximo check-in.
own-streak = Solo tú ves esto. Tu propia racha: { $current ->
        [one] { $current } día
       *[other] { $current } días
    } (racha más larga: { $longest ->
        [one] { $longest } día
       *[other] { $longest } días
    }).
own-check-ins = { $n ->
    [one] Hasta ahora hiciste check-in una vez.
   *[other] Hasta ahora hiciste check-in { $n } veces.
}
notifications-saved = Guardado. Esto es solo tuyo: tu pareja no lo ve y solo tú puedes cambiarlo.
notifications-heading = Tus notificaciones. Esto es solo tuyo: tu pareja no lo ve y solo tú puedes cambiarlo.
mentions-on = **Menciones**: activadas. Cuando una de mis publicaciones sea para ti, te llegará una mención.
mentions-off = **Menciones**: desactivadas. Mis publicaciones pueden nombrarte, pero nunca te llegará una mención.
reminders-on = **Recordatorios**: activados. Si no has hecho check-in unas horas después de la primera propuesta del día, te enviaré un recordatorio amable, nunca antes de las 18:00 de tu hora.
reminders-off = **Recordatorios**: desactivados. No te recordaré hacer check-in.
notifications-how = Cámbialas con `/notify mentions:on|off reminders:on|off`.
prompt-removed = Quité «{ $text }» de sus propuestas. No volverá a salir.
appreciation = { $to }, { $from } te dice algo que valora de ti:
jar-saved = Guardado en su tarro de agradecimientos. Volverá a aparecer en su resumen semanal.
jar-already = Ese mensaje ya está en su tarro.
export-ready = Aquí tienes todo lo que haven guarda que es tuyo o que comparten. Las respuestas de tu pareja solo aparecen en los días en que se mostraron a los dos.
not-paired-export = En este servidor todavía no usas haven con nadie, así que no hay nada tuyo que exportar.
edit-button = Editar
streak-title = Su racha
reflection-sent = Enviado. Escuchar así es un regalo.
