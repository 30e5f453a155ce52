# El pulso semanal: /pulse tal como lo muestra Discord, su formulario privado y su imagen, sus
# respuestas, el botón y las líneas compartidas del resumen, y la propuesta privada para hablarlo.

pulse-command = Tu pulso semanal privado: tus últimas 12 semanas, o activarlo o desactivarlo
pulse-command-turn = Tomar el pulso semanal: cuatro preguntas breves solo para ti
pulse-command-share = Mostrar tus puntuaciones en el resumen semanal, solo si tu pareja también elige compartir
# Las dos opciones de turn y share en /pulse.
pulse-choice-on = activado
pulse-choice-off = desactivado

pulse-digest-button = Mi pulso semanal
pulse-answer-button = Responder el pulso de esta semana
pulse-change-button = Cambiar el pulso de esta semana
pulse-try-again-button = Volver a intentarlo
pulse-repair-button = Una propuesta para hablarlo

# El formulario privado: su título y cada afirmación, 45 caracteres como mucho; los textos de ejemplo, 100.
pulse-form-title = Tu pulso semanal privado
pulse-statement-close = Esta semana me sentí cerca de mi pareja
pulse-statement-beyond-logistics = Hablamos de algo más que de logística
pulse-statement-free-to-share = Me sentí libre de compartir lo que pensaba
pulse-statement-unsettled = Siento algo sin resolver entre los dos
pulse-score-placeholder = Un número del 1 al 5: 1 es nada en absoluto, 5 es muchísimo
pulse-note-label = Una nota para ti (opcional)
pulse-note-placeholder = Tu pareja nunca ve esta nota.

# Las etiquetas de la imagen (con una fuente de mapa de bits: solo letras Latin-1). Los cuatro
# nombres de la leyenda comparten una línea de la imagen: unos 50 caracteres en total.
pulse-legend-close = Cercanía
pulse-legend-beyond-logistics = Más que logística
pulse-legend-free-to-share = Libertad
pulse-legend-unsettled = Algo pendiente
pulse-chart-oldest = { $weeks ->
    [one] hace { $weeks } semana
   *[other] hace { $weeks } semanas
}
pulse-chart-newest = Esta semana

pulse-about = El pulso semanal son cuatro preguntas breves una vez por semana, el día del resumen, solo para ti: lo cerca que te sentiste, si hablaron de algo más que de logística, si te sentiste libre de compartir lo que tenías en mente y si sientes algo sin resolver entre los dos, cada una del 1 al 5, con una nota para ti si quieres. Salvo que los dos elijan compartirlo, tu pareja nunca ve tus respuestas ni se entera de si tomas el pulso; tus notas nunca se comparten. Sin hacer ruido, ayuda a elegir qué propuestas salen la semana siguiente. Como tus check-ins, se guarda en la base de datos de haven, que quien aloja haven puede leer. Si te interesa, usa `/pulse turn:on`.
pulse-turned-on = Tu pulso semanal está activado. El día del resumen, pulsa **Mi pulso semanal** debajo del resumen, o usa `/pulse`, para responder cuatro preguntas breves solo para ti. Salvo que los dos elijan `/pulse share:on`, tu pareja nunca ve tus respuestas ni se entera de que tomas el pulso; tus notas nunca se comparten.
pulse-turned-off = Tu pulso semanal está desactivado y no volveré a preguntarte. Las semanas que ya respondiste se quedan aquí solo para ti: `/pulse` sigue mostrándolas y `/forget` las borra.
pulse-share-on = Compartir está activado para ti. El resumen semanal muestra tus puntuaciones junto a las de tu pareja solo si también elige compartir las suyas, y nunca te diré si tu pareja lo ha elegido, ni a tu pareja si lo has elegido tú. Tus notas para ti nunca se comparten. `/pulse share:off` lo detiene a partir del próximo resumen.
pulse-share-off = Compartir está desactivado. A partir del próximo resumen, tu pulso queda solo para ti.

# El párrafo de /help sobre el pulso (1024 caracteres como mucho).
pulse-help-title = Tu pulso semanal
pulse-help-text = `/pulse turn:on`: cuatro preguntas breves cada día de resumen, para tu propio gráfico (`/pulse`) y tus notas para ti. Salvo que los dos elijan `/pulse share:on`, tu pareja nunca ve tus respuestas ni sabe si tomas el pulso; si los dos lo eligen, el resumen muestra las puntuaciones de cada cual una junto a la otra, nunca sus notas. Tus respuestas se guardan como tus check-ins (quien aloja haven puede leer su base de datos) hasta `/forget`, y `/export` incluye las tuyas.

# La imagen de /pulse y lo que va debajo, solo para quien la mira.
pulse-chart-title = Tu pulso semanal
pulse-chart-description-on = Tus últimas { $weeks } semanas, solo para ti. { $answered ->
        [one] Respondiste { $answered } de estas semanas.
       *[other] Respondiste { $answered } de estas semanas.
    } En las tres primeras líneas, más arriba significa más; en «algo pendiente», más abajo es más calma. Un hueco es una semana que dejaste pasar, y no pasa nada.
pulse-chart-description-off = Tus últimas { $weeks } semanas, solo para ti. { $answered ->
        [one] Respondiste { $answered } de estas semanas.
       *[other] Respondiste { $answered } de estas semanas.
    } Tu pulso semanal está desactivado; `/pulse turn:on` lo vuelve a activar.
# El encabezado de una nota: la semana a la que pertenece ($week: una fecha en palabras).
pulse-note-heading = Semana del { $week }
pulse-note-shortened = (acortada aquí; `/export` la tiene completa)

pulse-saved = Gracias. Tu pulso de esta semana está guardado. Tu nota es solo tuya; tus puntuaciones aparecen en el resumen solo si tu pareja y tú eligieron compartirlas. Puedes cambiarlo con `/pulse` hasta el próximo día de resumen.
# Por qué no se guardó un formulario, conservando lo escrito ($statement: la afirmación tal como la pregunta el formulario).
pulse-not-saved-score = Cada respuesta necesita un número entero del 1 al 5, y «{ $statement }» no lo tenía. Guardé lo que escribiste: pulsa **Volver a intentarlo** para terminar.
pulse-not-saved-note-too-long = Tu nota para ti tiene más de { $max } caracteres. Guardé lo que escribiste: pulsa **Volver a intentarlo** para acortarla.
pulse-week-closed = El pulso de esa semana ya se cerró, así que guardé lo que escribiste para el de esta semana. Pulsa **Volver a intentarlo** para revisarlo.
pulse-stale-form = Ese formulario ya no es válido, así que no lo guardé. Usa `/pulse` para responder el pulso de esta semana.
pulse-off-not-saved = Tu pulso semanal está desactivado, así que no lo guardé como respuesta. Conservo lo que escribiste: usa `/pulse turn:on` y luego pulsa **Volver a intentarlo** si quieres guardarlo.

# Se añade a la confirmación de un check-in, solo para quien lo hizo, cuando su último pulso
# dice que siente algo sin resolver entre los dos.
pulse-unsettled-offer =
    { $confirmation }

    Según tu pulso, sientes algo sin resolver entre los dos. Si quieres, cuando los dos estén en calma, una propuesta para después de un desacuerdo puede ayudarles a hablarlo: el botón de abajo publica una en su canal para los dos, sin decir por qué. Y `/onmymind` guarda en privado una nota de lo que te gustaría hablar, hasta que llegue el momento.

# El campo del resumen con el pulso compartido de una persona (los dos eligieron compartir): solo sus propias respuestas.
pulse-shared-title = El pulso de la semana pasada
pulse-shared-line =
    { $who }
    Se sintió cerca: { $close } de 5
    Más que logística: { $talk } de 5
    Libertad para compartir: { $free } de 5
    Algo pendiente: { $unsettled } de 5
# The pulse chart in words (its alt text, read aloud by screen readers).
pulse-chart-alt = Tu propio pulso semanal de las últimas 12 semanas: un punto por semana, del 1 al 5, en cada una de cuatro líneas: Cercanía, Más que logística, Libertad y Algo pendiente.
