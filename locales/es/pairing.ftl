# El emparejamiento: invitaciones, quién puede ver un canal y lo que haven necesita para funcionar.

outsider-everyone = todo el servidor
outsider-role = el rol **{ $role }**
outsider-member = { $member } (un permiso de miembro)
outsiders-refusal = No puedo prepararlo aquí: { $who } puede leer este canal, y sus check-ins son solo para ustedes dos. Para arreglarlo, edita los permisos del canal para que @everyone y esos roles o personas no tengan *Ver canal*, y permite el acceso a ti y a tu pareja por nombre (los roles cuentan como personas de fuera, porque no puedo ver quién los tiene). O usa /setup con `private_channel:true` y crearé un canal privado para los dos.
who-else-can-see-owner = Quién más puede ver este canal: la persona dueña del servidor ({ $owner }), porque Discord le permite leer todos los canales. Quien aloja haven puede leer su base de datos, que guarda sus check-ins.
who-else-can-see-admins = Quién más puede ver este canal: la persona dueña del servidor ({ $owner }) y cualquiera con un rol de administración ({ $roles }), porque Discord les permite leer todos los canales. Quien aloja haven puede leer su base de datos, que guarda sus check-ins.
partner-cannot-view = { $partner } no puede ver este canal, así que no pudo aceptar. Dale *Ver canal* aquí (un permiso con su nombre), o usa `private_channel:true`.
# Los nombres que Discord da en español a los permisos que haven pide.
permission-view-channel = Ver canal
permission-send-messages = Enviar mensajes
permission-embed-links = Insertar enlaces
permission-attach-files = Adjuntar archivos
permission-read-message-history = Leer el historial de mensajes
permission-manage-channels = Gestionar canales
permission-manage-roles = Gestionar roles
permission-administrator = Administrador
bot-missing-in-channel = Me faltan algunos permisos en este canal: { $permissions }. Pide a alguien de la administración del servidor que me los dé, y vuelve a intentarlo.
bot-missing-to-create-channel = Me faltan algunos permisos en este servidor para crear su canal: { $permissions }. Pide a alguien de la administración del servidor que me los dé, y vuelve a intentarlo.
invitation =
    { $invitee }, { $inviter } quiere empezar **haven** contigo: un pequeño hábito diario para ustedes dos. Cada día publicaré una pequeña propuesta a las { $time } ({ $timezone }); cada cual hace su check-in en privado, y muestro sus respuestas a la vez cuando los dos lo hayan hecho. Sin presión, sin puntuaciones.

    { $private_channel ->
        [yes] Cuando aceptes, crearé un canal privado que solo ustedes dos (y yo) puedan ver.
       *[no] Cuando aceptes, este canal será su espacio compartido.
    }

    { $disclosure }

    Esta invitación está abierta hasta { $expires }. Solo { $invitee } puede responderla. Si no es el momento, «Ahora no» simplemente la cierra: se le cuenta en privado a { $inviter }, y a nadie más.
invitation-by-dm = **{ $inviter_name }** ({ $inviter }) quiere empezar **haven** contigo en **{ $server }**: un pequeño hábito diario para ustedes dos. Cada día publicaré una pequeña propuesta a las { $time } ({ $timezone }); cada cual hace su check-in en privado, y muestro sus respuestas a la vez cuando los dos lo hayan hecho. Sin presión, sin puntuaciones.

    Cuando aceptes, crearé en ese servidor un canal privado que solo ustedes dos (y yo) puedan ver.

    { $disclosure }

    Esta invitación está abierta hasta { $expires }. Si no es el momento, «Ahora no» simplemente la cierra: se le cuenta en privado a { $inviter }, y a nadie más.
invitation-sent-privately = Envié tu invitación a { $invitee } en privado, por mensaje directo. Está abierta hasta { $expires }.
invitation-not-delivered = No pude enviar tu invitación en privado: Discord no me dejó mandarle un mensaje directo. No se envió nada. Usa /setup en un canal que solo ustedes dos (y yo) puedan leer, y publicaré la invitación allí.
invitation-closed = Esta invitación está cerrada.
invitation-declined-note = Tu invitación de haven a { $invitee } en **{ $server }** recibió un «ahora no». No pasa nada, y no tienes que hacer nada. Si llega el momento, puede invitarte cuando quiera.
accepted = { $invitee } aceptó la invitación de { $inviter }. haven ya está listo en { $channel }.
expired = Esta invitación caducó sin respuesta. Cualquiera de los dos puede volver a usar /setup cuando quiera.
welcome = Les doy la bienvenida, { $first } y { $second }. Este es su haven. Cada día a las { $time } ({ $timezone }) publicaré una pequeña propuesta para ustedes dos. Usen /help cuando quieran para ver lo que puedo hacer.
accept-button = Aceptar
not-right-now-button = Ahora no
created-channel-topic = Un espacio privado para ustedes dos, con haven.
