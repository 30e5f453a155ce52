# Los horarios: un horario descrito, y las respuestas a /schedule, /pause, /resume y /skip.

schedule-when = **Cuándo**: { $when }
schedule-timezone = **Zona horaria**: { $timezone }
paused-for-channel = **En pausa**: no pude publicar en su canal (puede que se haya borrado o que hayan cambiado mis permisos). Arréglenlo y luego usen /resume.
paused-by-until-resume = **En pausa** por { $by } hasta que use /resume.
paused-by-until = **En pausa** por { $by } hasta { $until }.
paused-until-resume = **En pausa** hasta que usen /resume.
paused-until = **En pausa** hasta { $until }.
skipping-nudge = **Se salta** la propuesta del día de { $at }.
no-nudges-coming = No hay próximas propuestas del día.
next-nudges = **Próximas propuestas del día**
schedule-changed = { $by } cambió su horario.
paused = { $by } pausó las propuestas del día. Tómense todo el tiempo que necesiten.
resumed = { $by } reanudó las propuestas del día. Qué bien que vuelvan.
skipped = { $by } se saltó la propuesta del día de { $at }. Las siguientes llegan como siempre.
# Un horario en palabras; $at es una hora o una lista de horas («08:00 y 20:00»).
schedule-every-day = todos los días a las { $at }
schedule-weekdays = de lunes a viernes a las { $at }
schedule-weekends = los fines de semana a las { $at }
# Un día de la semana, $day de 1 (lunes) a 7 (domingo).
schedule-one-day = { $day ->
        [1] los lunes
        [2] los martes
        [3] los miércoles
        [4] los jueves
        [5] los viernes
        [6] los sábados
       *[7] los domingos
    } a las { $at }
schedule-some-days = los { $days } a las { $at }
schedule-cron = según el horario cron `{ $cron }`
day-short = { $day ->
    [1] lun
    [2] mar
    [3] mié
    [4] jue
    [5] vie
    [6] sáb
   *[7] dom
}
# Una lista de dos o más: «a y b», «a, b y c».
list-and = { $init } y { $last }
list-comma = { $init }, { $next }
schedule-title = Su horario
schedule-updated-title = Horario actualizado
paused-title = Propuestas en pausa
resumed-title = Propuestas reanudadas
skipping-title = Se salta una propuesta
# Una próxima propuesta del día, con el día y la hora locales de cada uno.
next-nudge-both = { $at }: { $a_day } a las { $a_time } para { $a }, { $b_day } a las { $b_time } para { $b }
