# /settings: los ajustes de la pareja y los propios de cada cual, los rechazos de lo que no se puede
# usar, el aviso de propuestas del día que llegan de noche y el anuncio de un cambio que afecta a los dos.

# El nombre de un día de la semana entre las opciones.
settings-weekday = { $day ->
    [1] Lunes
    [2] Martes
    [3] Miércoles
    [4] Jueves
    [5] Viernes
    [6] Sábado
   *[7] Domingo
}
# El nombre de cada opción de «juntos o a distancia».
settings-togetherness = { $togetherness ->
    [together] Casi siempre juntos
    [apart] Casi siempre a distancia
   *[both] Un poco de todo
}
settings-togetherness-line = { $togetherness ->
    [together] **Juntos o a distancia**: casi siempre juntos.
    [apart] **Juntos o a distancia**: casi siempre a distancia, así que dejo fuera las propuestas que solo funcionan cuando están en el mismo lugar.
   *[both] **Juntos o a distancia**: un poco de todo, algunos días juntos y otros a distancia.
}

settings-couple-heading = **Sus ajustes como pareja.** Cualquiera de los dos puede cambiarlos, y cada cambio se anuncia en el canal.
settings-own-heading = **Tus propios ajustes.** Solo tú los ves y los cambias; a tu pareja no se le avisa de ellos.
settings-saved = Guardado.
settings-how = Cambia cualquiera de ellos con `/settings` y sus opciones, como `/settings day_start:05:00`; para tu propia zona horaria, empieza a escribir tu ciudad después de `timezone:` y elige una sugerencia.
settings-day-start = **El día empieza a las** { $time }. Cada check-in pertenece al día en que se escribe, y a esta hora se pasa al día siguiente.
# El día del resumen, $day de 1 (lunes) a 7 (domingo): el que eligió la pareja, o el día habitual del servidor.
settings-digest-default = { $day ->
    [1] **Resumen semanal**: los lunes, el día habitual del servidor.
    [2] **Resumen semanal**: los martes, el día habitual del servidor.
    [3] **Resumen semanal**: los miércoles, el día habitual del servidor.
    [4] **Resumen semanal**: los jueves, el día habitual del servidor.
    [5] **Resumen semanal**: los viernes, el día habitual del servidor.
    [6] **Resumen semanal**: los sábados, el día habitual del servidor.
   *[7] **Resumen semanal**: los domingos, el día habitual del servidor.
}
settings-digest = { $day ->
    [1] **Resumen semanal**: los lunes.
    [2] **Resumen semanal**: los martes.
    [3] **Resumen semanal**: los miércoles.
    [4] **Resumen semanal**: los jueves.
    [5] **Resumen semanal**: los viernes.
    [6] **Resumen semanal**: los sábados.
   *[7] **Resumen semanal**: los domingos.
}
settings-zone-own = **Tu zona horaria**: { $own }, la tuya propia. Tus días, tus recordatorios y tus check-ins la siguen; la zona horaria de la pareja es { $couple }.
settings-zone-couple = **Tu zona horaria**: { $couple }, la de la pareja. Si vives en otro lugar, elige la tuya y tus días la seguirán.
settings-mentions = { $on ->
    [yes] **Menciones**: activadas.
   *[no] **Menciones**: desactivadas.
}
settings-reminders = { $on ->
    [yes] **Recordatorios**: activados.
   *[no] **Recordatorios**: desactivados.
}
settings-channel-language = **El idioma de su canal**: { $language }. Mis publicaciones en su canal van en este idioma; cualquiera de los dos puede cambiarlo con `/settings channel_language:`.
settings-language = **Tu idioma**: { $language }, el que elegiste. Te respondo en él dondequiera que uses haven, y en él te escribo también los mensajes que son solo para ti, sea cual sea el idioma de tu Discord.
settings-language-not-chosen = **Tu idioma**: sin elegir, así que sigo el idioma de tu Discord cuando lo hablo, y si no, el inglés. Para elegir uno propio, usa `/settings language:`.

# Un cambio que afecta a los dos, anunciado en el canal, con quién lo hizo.
settings-changed-day-start = { $who } cambió la hora a la que empieza su día: ahora se pasa al día siguiente a las { $time }. Los días que ya terminaron siguen cerrados.
settings-changed-digest = { $day ->
    [1] { $who } movió su resumen semanal: ahora llega los lunes.
    [2] { $who } movió su resumen semanal: ahora llega los martes.
    [3] { $who } movió su resumen semanal: ahora llega los miércoles.
    [4] { $who } movió su resumen semanal: ahora llega los jueves.
    [5] { $who } movió su resumen semanal: ahora llega los viernes.
    [6] { $who } movió su resumen semanal: ahora llega los sábados.
   *[7] { $who } movió su resumen semanal: ahora llega los domingos.
}
settings-changed-togetherness = { $togetherness ->
    [apart] { $who } indicó que casi siempre están a distancia: dejaré fuera las propuestas que solo funcionan cuando están en el mismo lugar.
    [together] { $who } indicó que casi siempre están juntos.
   *[both] { $who } indicó que algunos días están juntos y otros a distancia.
}

# Lo que no se puede usar ($input: lo que se escribió, acortado y limpio).
settings-bad-day-start = «{ $input }» no es una hora que pueda usar para el comienzo de su día. Usa el formato de 24 horas HH:MM, como 04:00 o 05:30.
settings-bad-weekday = No pude usar ese día para el resumen. Elige uno de los días que se ofrecen.
settings-bad-togetherness = No pude usar esa respuesta. Elige casi siempre juntos, casi siempre a distancia o un poco de todo.
settings-changed-language = { $who } cambió el idioma de mis publicaciones en su canal: a partir de ahora las escribo en { $language }.
settings-bad-language = Todavía no hablo ese idioma. Elige uno de los idiomas que se ofrecen.

# Propuestas del día que llegan de noche (00:00-07:00) para alguien; $times es una lista de horas («00:30, 06:00»).
settings-nudges-at-night = Un aviso con cariño: en tu zona horaria, algunas de sus propuestas del día ahora llegan de noche ({ $times }). Si es demasiado tarde o demasiado temprano, cualquiera de los dos puede moverlas con `/schedule set`.
settings-schedule-at-night-for-you = Un aviso con cariño: algunas de estas propuestas te llegan de noche ({ $times }, tu hora). Puedes moverlas cuando quieras con `/schedule set`.
settings-schedule-at-night = Un aviso con cariño: a { $partner } algunas de estas propuestas le llegan de noche ({ $times }, su hora). Quizá puedan elegir una hora que les venga bien a los dos.
