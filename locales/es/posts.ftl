# Las publicaciones de haven en el canal de una pareja: propuestas del día, avisos, respuestas compartidas, recordatorios, el resumen.

check-in-button = Hacer check-in
another-prompt-button = Otra propuesta
help-button = Cómo funciona haven
felt-heard-button = Me escuchaste
not-quite-button = No del todo
nudge-footer = Un pequeño momento para ustedes dos.
not-asked = (no recibió esta pregunta)
nothing-today = (nada hoy)
from-your-jar = De su tarro
digest-title = Su semana

# Las etiquetas de la imagen de la racha: los meses, abreviados; tres días de la semana; la leyenda.
heatmap-month = { $month ->
    [1] ene
    [2] feb
    [3] mar
    [4] abr
    [5] may
    [6] jun
    [7] jul
    [8] ago
    [9] sep
    [10] oct
    [11] nov
   *[12] dic
}
heatmap-monday = lun
heatmap-wednesday = mié
heatmap-friday = vie
heatmap-both = Los dos
heatmap-one = Uno
heatmap-not-yet = Aún no
heatmap-rest-day = Descanso
heatmap-frozen = Protegido

practice-appreciation = Aprecio
practice-active-listening = Escucha activa
practice-vulnerability = Mostrarse vulnerable
practice-quality-time = Tiempo de calidad
practice-validation = Validar emociones

lighter-button = Algo más ligero
question-kept = El check-in de hoy mantiene la pregunta que uno de ustedes ya respondió; esta es solo para conversar.
no-prompt = Tómense esta noche un minuto tranquilo y cuéntense una cosa que les alegra.
added-by-label = Añadida por
checkin-notice = { $who } ya hizo su check-in de hoy. { $other }, cuando te venga bien, sus respuestas se mostrarán a la vez.
reveal-mood = { $mood ->
    [1] Ánimo 1/5 (muy bajo)
    [2] Ánimo 2/5 (bajo)
    [3] Ánimo 3/5 (regular)
    [4] Ánimo 4/5 (bien)
   *[other] Ánimo { $mood }/5 (muy bien)
}
reveal-from = De { $who }
reveal-intro = { $first } y { $second }, ya hicieron su check-in. Esto es lo que compartieron hoy. Tómense un momento para leerse con calma; con «Devolver lo escuchado» pueden decir lo que oyeron.
todays-question = La pregunta de hoy
reveal-first-answer-title = Primera respuesta
# Over each partner's own question, when the two were asked different ones.
reveal-first-question-title = La pregunta de la primera respuesta
reveal-second-question-title = La pregunta de la segunda respuesta
reveal-second-answer-title = Segunda respuesta
reveal-answer =
    { $who }
    { $answer }
reflect-back-first-button = Devolver lo escuchado (primera)
reflect-back-second-button = Devolver lo escuchado (segunda)
reflection-intro = { $author }, { $reflector } te devolvió lo que escuchó de lo que compartiste:
held-notice = { $first } { $second }, todavía no publico algo que compartieron: ahora hay personas ajenas a la pareja que pueden leer este canal. Cambien sus permisos para que solo ustedes dos (y yo) puedan verlo; luego usen /resume y lo publicaré.
reminder = { $partner }, un recordatorio suave: todavía estás a tiempo de hacer tu check-in de hoy. Con unas pocas palabras sinceras basta.
digest-intro = { $first } { $second }, así fue su semana.
jar-line = { $who }: { $text }
digest-description = **Esta semana**: { $together ->
        [one] { $together } día
       *[other] { $together } días
    } juntos, { $appreciations ->
        [one] { $appreciations } agradecimiento
       *[other] { $appreciations } agradecimientos
    }, { $reflections ->
        [one] { $reflections } vez en que se devolvieron lo escuchado
       *[other] { $reflections } veces en que se devolvieron lo escuchado
    }.
    {"*"}*Su racha**: { $streak ->
        [one] { $streak } día
       *[other] { $streak } días
    }.{ $together ->
        [0] {"\u000A"}A veces hay semanas tranquilas. Esta noche es un buen momento para volver a empezar.
       *[other] {""}
    }
streak-milestone = { $days } días seguidos, juntos. Es para alegrarse.
streak-freeze-used = Pasó un día sin check-in, y está bien: una protección mantuvo a salvo su racha de { $current } días.
forget-note = { $partner }, { $by } le pidió a haven que borrara los datos de la pareja, así que se borró todo lo que haven guardaba sobre ustedes dos.
# The streak picture in words (its alt text, read aloud by screen readers).
streak-picture-alt = Sus últimas 26 semanas, un cuadrado por día, marcado según si los dos hicieron check-in, lo hizo uno de ustedes, fue un día de descanso, una protección lo cubrió o aún no ha llegado.
