# Lo que el dominio rechaza: un check-in, una propuesta propia, una zona horaria, una hora, un horario.

answer-error-mood = el estado de ánimo debe ser un número del 1 al 5
answer-error-nothing-written = un check-in necesita unas palabras además del estado de ánimo: responde a la pregunta de hoy, o comparte algo que valoraste o algo que te gustaría que tu pareja escuchara
answer-error-answer-too-long = tu respuesta a la pregunta de hoy tiene { $chars } caracteres; déjala en { $max } como mucho
answer-error-appreciated-too-long = «algo que valoré» tiene { $chars } caracteres; déjalo en { $max } como mucho
answer-error-question-gone = la pregunta que respondías cambió mientras escribías, así que tu respuesta ya no tiene a qué acompañar. Para que no se pierda, aquí la tienes: «{ $answer }»
answer-error-hear-too-long = «algo que me gustaría que escucharas» tiene { $chars } caracteres; déjalo en { $max } como mucho

custom-prompt-empty = La propuesta está vacía. Escribe una pregunta breve o una invitación para los dos.
custom-prompt-too-short = La propuesta es un poco corta ({ $chars } caracteres). Escribe al menos { $min }.
custom-prompt-too-long = La propuesta tiene { $chars } caracteres. Acórtala a { $max } o menos.
custom-prompt-line-break = Escribe la propuesta en una sola línea: quita los saltos de línea.
custom-prompt-no-words = La propuesta necesita al menos una palabra, no solo espacios, signos o símbolos.

timezone-empty = no se indicó ninguna zona horaria
timezone-unknown = zona horaria desconocida
local-time-error = una hora debe tener la forma 20:00 (24 horas, HH:MM)


cron-empty = no se indicó ningún horario
cron-too-long = la expresión es demasiado larga
cron-field-count = se esperaban 5 campos (minuto hora día mes día-de-la-semana) o 6-7 con segundos, y hay { $count }
# $field: second, minute, hour, day-of-month, month, day-of-week, classic-day-of-week (días de 0 a 7) o year.
cron-bad-value = el campo { $field ->
        [second] de los segundos
        [minute] de los minutos
        [hour] de la hora
        [day-of-month] del día del mes
        [month] del mes
        [year] del año
       *[day-of-week] del día de la semana
    } «{ $value }» no es { $field ->
    [second] un segundo (usa 0-59)
    [minute] un minuto (usa 0-59)
    [hour] una hora (usa 0-23)
    [day-of-month] un día del mes (usa 1-31)
    [month] un mes (usa 1-12 o jan-dec)
    [classic-day-of-week] un día (usa 0-7 o mon-sun)
    [year] un año (usa 1970-2100)
   *[day-of-week] un día (usa 1-7, donde 1 es el domingo, o sun-sat)
}
cron-backwards-range = el campo { $field ->
        [second] de los segundos
        [minute] de los minutos
        [hour] de la hora
        [day-of-month] del día del mes
        [month] del mes
        [year] del año
       *[day-of-week] del día de la semana
    } «{ $value }» es un intervalo al revés: pon primero el extremo menor
cron-bad-step = el campo { $field ->
        [second] de los segundos
        [minute] de los minutos
        [hour] de la hora
        [day-of-month] del día del mes
        [month] del mes
        [year] del año
       *[day-of-week] del día de la semana
    } «{ $value }» tiene un paso que no está entre 1 y { $max }
cron-both-days-restricted = están restringidos tanto el día del mes como el día de la semana, y cada variante de cron lo entiende de una forma distinta: restringe solo uno
cron-named-step = el campo { $field ->
        [second] de los segundos
        [minute] de los minutos
        [hour] de la hora
        [day-of-month] del día del mes
        [month] del mes
        [year] del año
       *[day-of-week] del día de la semana
    } «{ $value }» pone un paso después de un solo nombre: usa un intervalo antes del paso
cron-not-understood = no se entendió la expresión
cron-no-days = no se indicó ningún día (usa daily, weekdays, weekends o una lista como mon,wed,fri)
cron-unknown-day = «{ $day }» no es un día de la semana (usa daily, weekdays, weekends o nombres como mon,wed,fri)
cron-days-too-long = la lista de días es demasiado larga

interval-never-fires = este horario no se cumple ni una vez en el próximo año
interval-too-close = habría solo { $gap } entre dos propuestas del día ({ $first } y { $second }); lo mínimo es { $min }
interval-too-many-in-a-day = { $max ->
    [one] enviaría más de una propuesta del día el { $day }, y una al día es el máximo
   *[other] enviaría más de { $max } propuestas del día el { $day }, y { $max } al día es el máximo
}

# Duraciones, dichas por partes: «1 hora 30 minutos».
duration-days = { $n ->
    [one] { $n } día
   *[other] { $n } días
}
duration-hours = { $n ->
    [one] { $n } hora
   *[other] { $n } horas
}
duration-minutes = { $n ->
    [one] { $n } minuto
   *[other] { $n } minutos
}
duration-seconds = { $n ->
    [one] { $n } segundo
   *[other] { $n } segundos
}
