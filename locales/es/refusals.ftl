# Por qué haven dice que no, y qué hacer en su lugar.

refusal-not-a-partner = Este canal pertenece a una pareja, y solo esas dos personas pueden usar haven aquí. Para usar haven con tu pareja, usa /setup en un canal privado que compartan.
refusal-no-couple-here = Este canal todavía no está preparado para una pareja. Usa /setup aquí con tu pareja (o `private_channel:true` para tener un canal privado nuevo).
refusal-partner-is-self = haven es cosa de dos: elige a tu pareja, no a ti.
refusal-partner-is-bot = Un bot no es buena pareja para esto. Elige a la persona que quieres invitar.
refusal-partner-not-in-server = No encuentro a esa persona aquí. Tiene que estar en este servidor antes de que puedas invitarla.
refusal-channel-already-paired = Este canal ya pertenece a una pareja. Cada pareja tiene su propio canal; prueba con `private_channel:true` para tener uno nuevo.
refusal-you-are-paired = Ya usas haven con tu pareja en { $channel }, en este servidor. Si quieres empezar de nuevo, usa antes /forget allí.
refusal-invitation-cannot-be-accepted = Esta invitación ya no se puede aceptar. Si aún quieren empezar haven juntos, cualquiera de los dos puede volver a usar /setup.
refusal-already-invited = Ya le enviaste una invitación; sigue abierta hasta { $until }.
refusal-recently-declined = Respondió «ahora no» a tu última invitación, y no pasa nada. Durante un tiempo no le haré llegar otra tuya; puede invitarte cuando quiera.
refusal-too-many-open-invitations = { $max ->
    [one] Tienes 1 invitación esperando respuesta, el máximo que mantengo abierto por persona. Se libera el hueco cuando la respondan o pasado un día.
   *[other] Tienes { $max } invitaciones esperando respuesta, el máximo que mantengo abierto por persona. Se libera un hueco cuando respondan una o pasado un día.
}
refusal-channel-has-open-invitation = Ya hay una invitación abierta en este canal. Necesita una respuesta (o caducar) antes de que haya otra.
refusal-too-many-created-channels = Ya he creado { $max } canales de pareja en este servidor, el máximo que permite quien aloja haven. Usa un canal privado que ya exista.
refusal-invitation-not-for-you = Esta invitación es para otra persona, así que solo ella puede responderla.
refusal-invitation-expired = Esta invitación caducó (duran 24 horas). Quien la envió puede volver a usar /setup.
refusal-invitation-already-accepted = Esta invitación ya fue aceptada.
refusal-invitation-already-answered = Esta invitación ya tiene respuesta.
refusal-not-your-couple = Eso no es de ustedes dos, así que no puedo cambiarlo.
refusal-cron-with-time-or-days = Usa `cron` o bien `time`/`days`, no las dos cosas: una expresión cron ya dice cuándo.
refusal-nothing-to-change = Dime qué cambiar: una hora (`time`), los días (`days`), una expresión `cron` o una zona horaria (`timezone`).
refusal-needs-time = Tu horario es una expresión cron propia, así que indica también una hora en `time` (como 20:00).
refusal-schedule-interval = No puedo usar ese horario: { $why }. Elige uno con más espacio entre una propuesta y la siguiente.
refusal-pause-days = Puedes hacer una pausa de 1 a 60 días, o dejar `days` vacío para pausar hasta /resume.
refusal-not-paused = Las propuestas del día no están en pausa, así que no hay nada que reanudar.
refusal-skip-while-paused = Las propuestas del día están en pausa ahora mismo; usa /resume primero si quieres saltarte una.
refusal-nothing-to-skip = No hay ninguna próxima propuesta del día que saltar.
refusal-empty-appreciation = Escribe lo que valoras; bastan unas pocas palabras.
refusal-appreciation-too-long = Son { $chars } caracteres; deja el agradecimiento en 1000 como mucho.
refusal-appreciations-today = Ya van { $max } agradecimientos hoy, el máximo que hago llegar en un día. Tus palabras llegarán igual de bien mañana.
refusal-jar-other-channel = Solo los mensajes del canal que compartes con tu pareja pueden ir al tarro.
refusal-jar-own-message = Ese mensaje es tuyo. El tarro guarda lo que escribe tu pareja, para que puedas volver a encontrarlo.
refusal-jar-not-partner = El tarro guarda los mensajes de tu pareja; ese lo escribió otra persona.
refusal-jar-empty = Ese mensaje no tiene texto que pueda guardar (los adjuntos y los embeds por sí solos no caben en el tarro).
refusal-channel-not-private = No lo publiqué: ahora hay personas ajenas a la pareja que pueden leer este canal. Arregla sus permisos (solo ustedes dos y yo deberíamos verlo) y luego usa /resume.
refusal-only-the-other-partner = Este botón es para tu pareja: sirve para devolverte lo que compartiste.
refusal-only-the-author = Solo la persona cuyas palabras se devolvieron puede responder a esto.
refusal-not-revealed-yet = Las respuestas de ese día todavía no se han mostrado.
refusal-already-reflected = Ya se devolvió lo escuchado de esa respuesta.
refusal-already-answered = Ya respondiste a esto.
refusal-prompt-limit = Ya añadiste { $max } propuestas propias, el máximo que cada persona puede guardar. Para añadir otra, haz sitio con /prompt remove.
refusal-prompt-not-found = Esa propuesta ya no está entre las tuyas. Empieza a escribir después de `prompt:` y elige una de la lista.
refusal-paused-by-partner-until = { $by } pausó sus propuestas del día hasta { $until }. Es su pausa, así que solo esa persona puede terminarla antes; después, las propuestas vuelven solas.
refusal-paused-by-partner = { $by } pausó sus propuestas del día hasta que las reanude. Es su pausa, así que solo esa persona puede terminarla.
reflection-too-long = Deja lo que escuchaste en { $max } caracteres como mucho.
unknown-timezone = No conozco la zona horaria «{ $input }». Empieza a escribir una ciudad sin tildes (como Madrid o Buenos Aires) y elige una de las sugerencias.
bad-time = «{ $input }» no es una hora que entienda: usa el formato de 24 horas HH:MM, como 20:00.
days-not-read = No pude leer esos días: { $why }.
cron-not-used = No pude usar esa expresión cron: { $why }.
prompt-not-added = No pude añadir esa propuesta: { $why }.
choose-timezone = Elige tu zona horaria: empieza a escribir una ciudad sin tildes (como Madrid o Buenos Aires).
reflection-empty = Para devolver lo que escuchaste hacen falta unas pocas palabras.
already-revealed-today = Los dos ya hicieron su check-in de hoy y sus respuestas están a la vista. ¡Hasta mañana!
channel-not-created = No pude crear el canal (puede que me falte el permiso Gestionar canales). La invitación sigue abierta: vuelve a pulsar Aceptar cuando esté arreglado.
