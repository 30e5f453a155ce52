//! `/setup` and the invitation's Accept and Decline buttons.

use serenity::all::{
    ButtonStyle, CommandInteraction, ComponentInteraction, CreateActionRow, CreateButton,
    CreateChannel, CreateInteractionResponse, CreateInteractionResponseMessage, CreateMessage,
    EditInteractionResponse, Http, PermissionOverwrite, PermissionOverwriteType, Permissions,
};

use super::ctx::Ctx;
use super::invocation::Invocation;
use super::privacy::Privacy;
use super::respond::{mentions, redact, Handled, Responder, Stop};
use crate::copy::{self, Lang};
use crate::domain::couple::{Couple, Invitation};
use crate::domain::custom_id::ComponentId;
use crate::domain::ids::{ChannelId, GuildId, InvitationId, MessageId, RoleId, UserId};
use crate::domain::text::channel_slug;
use crate::domain::time::{timezone_suggestions, LocalTime, Timezone, TimezoneError};
use crate::domain::visibility::{perms, Visibility};
use crate::service::access::Access;
use crate::service::setup::{Home, SetupRequest};
use crate::service::{Fail, Refusal, Services};

/// `access` is where the invoker stands in this channel; the handler's gate has already refused
/// outsiders of another couple's channel.
pub async fn command(call: &Invocation<'_>, access: Access) -> Handled {
    // What Discord says about the server is asked at most once from here on (see `privacy`).
    let since = tokio::time::Instant::now();
    let req = read_request(call)?;
    if matches!(access, Access::Partner(_)) && !req.private_channel {
        return Err(Refusal::ChannelAlreadyPaired.into());
    }
    let partner_roles = check_partner(call.cmd, &req)?;
    // An invitation is never posted where outsiders can read it: for a channel haven will
    // create, it goes by direct message unless this channel is the two of them's alone.
    let (visibility, by_dm) = if req.private_channel {
        let v = new_channel_visibility(call, &req, since).await?;
        let here = only_the_two_read_here(call, &req, &partner_roles, since).await;
        (v, !here)
    } else {
        let v = this_channel_visibility(call, &req, &partner_roles, since).await?;
        (v, false)
    };
    let private_channel = req.private_channel;
    let inv = call.svc.invite(req).await?;
    tracing::info!(
        invitation = inv.id.0,
        guild = call.guild.get(),
        channel = call.channel.0,
        private_channel,
        by_dm,
        "invitation created"
    );
    if by_dm {
        return invite_by_dm(call, &inv, &visibility).await;
    }
    call.r
        .respond(CreateInteractionResponse::Message(invitation_message(
            &inv,
            &visibility,
        )))
        .await
}

/// Whether the channel /setup runs in is a plain text channel that only the two of them (with
/// the bot, the owner and administrators) can read, and the invited partner can see.
async fn only_the_two_read_here(
    call: &Invocation<'_>,
    req: &SetupRequest,
    partner_roles: &[RoleId],
    since: tokio::time::Instant,
) -> bool {
    let partners = [req.inviter, req.invitee];
    let privacy = call.ctx.privacy.as_ref();
    match privacy
        .channel(req.guild_id, req.channel_id, partners, since)
        .await
    {
        Privacy::Known {
            visibility,
            is_text: true,
            access,
        } => {
            visibility.is_private()
                && access.member_permissions(req.invitee, partner_roles) & perms::VIEW_CHANNEL != 0
        }
        _ => false,
    }
}

/// Sends the invitation to the invited person by direct message, and tells the inviter,
/// privately, that it went or where to run /setup instead. A paired person is invited like
/// anyone else, so the inviter's answer never depends on it.
async fn invite_by_dm(call: &Invocation<'_>, inv: &Invitation, v: &Visibility) -> Handled {
    // Opening the DM and sending can take a moment: answer (privately) within 3 seconds first.
    call.r
        .respond(CreateInteractionResponse::Defer(
            CreateInteractionResponseMessage::new().ephemeral(true),
        ))
        .await?;
    let http = call.r.http();
    let server = call.ctx.privacy.server_name(inv.guild_id).await;
    // A mention may not render in a DM (the client may not know the user there): the name too.
    let cmd = call.cmd;
    let inviter_name = cmd
        .member
        .as_ref()
        .and_then(|m| m.nick.clone())
        .or_else(|| cmd.user.global_name.clone())
        .unwrap_or_else(|| cmd.user.name.clone());
    let sent = match serenity::all::UserId::from(inv.invitee)
        .create_dm_channel(http)
        .await
    {
        Ok(dm) => {
            call.svc.sent_by_dm(inv.id, dm.id.into()).await?;
            dm.id
                .send_message(http, invitation_dm(inv, v, &server, &inviter_name))
                .await
                .map(|_| ())
        }
        Err(e) => Err(e),
    };
    let text = match sent {
        Ok(()) => copy::invitation_sent_privately(call.r.lang(), inv.invitee, inv.expires_at),
        Err(e) => {
            tracing::info!(
                invitation = inv.id.0,
                error = %redact(&e.into()),
                "the invitation could not be sent by direct message"
            );
            call.svc.withdraw_invitation(inv.id).await?;
            copy::invitation_not_delivered(call.r.lang())
        }
    };
    call.r
        .edit(
            EditInteractionResponse::new()
                .content(text)
                .allowed_mentions(mentions(&[])),
        )
        .await
}

/// The invitation asked for, from the command's options, each checked.
fn read_request(call: &Invocation<'_>) -> Result<SetupRequest, Stop> {
    let (cmd, opts, lang) = (call.cmd, &call.options, call.r.lang());
    let (Some(partner_id), Some(tz_input)) = (opts.user("partner"), opts.str("timezone")) else {
        return Err(Stop::bad_options());
    };
    let timezone = Timezone::parse(tz_input).map_err(|e| {
        Stop::Say(match e {
            TimezoneError::Empty => copy::choose_timezone(lang),
            TimezoneError::Unknown => copy::unknown_timezone(lang, tz_input),
        })
    })?;
    let nudge_time = match opts.str("time") {
        None => LocalTime::DEFAULT_NUDGE,
        Some(t) => LocalTime::parse(t).map_err(|_| Stop::Say(copy::bad_time(lang, t)))?,
    };
    let resolved_user = cmd.data.resolved.users.get(&partner_id);
    Ok(SetupRequest {
        guild_id: call.guild,
        channel_id: call.channel,
        inviter: call.user,
        invitee: partner_id.into(),
        invitee_is_bot: resolved_user.is_some_and(|u| u.bot),
        timezone,
        nudge_time,
        private_channel: opts.bool("private_channel").unwrap_or(false),
        language: lang,
    })
}

/// Refuses oneself, a bot, or someone not in the server as the partner; the partner's roles.
fn check_partner(cmd: &CommandInteraction, req: &SetupRequest) -> Result<Vec<RoleId>, Stop> {
    if req.invitee == req.inviter {
        return Err(Refusal::PartnerIsSelf.into());
    }
    if req.invitee_is_bot {
        return Err(Refusal::PartnerIsBot.into());
    }
    let partner_id = serenity::all::UserId::from(req.invitee);
    let Some(partner_member) = cmd.data.resolved.members.get(&partner_id) else {
        return Err(Refusal::PartnerNotInServer.into());
    };
    Ok(partner_member.roles.iter().map(|&r| r.into()).collect())
}

/// Who could read the channel haven would create for the couple; refuses when haven may not
/// create it.
async fn new_channel_visibility(
    call: &Invocation<'_>,
    req: &SetupRequest,
    since: tokio::time::Instant,
) -> Result<Visibility, Stop> {
    let privacy = call.ctx.privacy.as_ref();
    let not_ready = || Stop::Words(copy::guild_not_ready);
    let bot_id = privacy.bot_id().await.ok_or_else(not_ready)?;
    let (guild, partners) = (req.guild_id, [req.inviter, req.invitee]);
    let overwrites = created_channel_overwrites(guild, partners, bot_id);
    let v = privacy
        .new_channel(guild, &overwrites, partners, since)
        .await
        .ok_or_else(not_ready)?;
    // The bot's permissions in the server; what it holds in this channel only when nobody can
    // tell (creating the channel then says whether Discord agrees).
    let have = privacy
        .server_permissions(guild, bot_id, since)
        .await
        .unwrap_or(app_perms(call.cmd));
    bot_holds(
        call.r.lang(),
        have,
        perms::MANAGE_CHANNELS | perms::BOT_IN_CHANNEL,
        copy::bot_missing_to_create_channel,
    )?;
    Ok(v)
}

/// Who can read the channel /setup runs in; refuses a channel that is not a plain text
/// channel, one outsiders can read, one the partner cannot see, or one haven cannot post in.
async fn this_channel_visibility(
    call: &Invocation<'_>,
    req: &SetupRequest,
    partner_roles: &[RoleId],
    since: tokio::time::Instant,
) -> Result<Visibility, Stop> {
    let partners = [req.inviter, req.invitee];
    let privacy = call
        .ctx
        .privacy
        .channel(req.guild_id, req.channel_id, partners, since)
        .await;
    let (v, access) = match privacy {
        Privacy::Unknown => {
            // Discord does not describe a channel to a bot that cannot see it: say so first.
            bot_holds(
                call.r.lang(),
                app_perms(call.cmd),
                perms::BOT_IN_CHANNEL,
                copy::bot_missing_in_channel,
            )?;
            return Err(Stop::Words(copy::guild_not_ready));
        }
        Privacy::Known {
            visibility,
            is_text: true,
            access,
        } => (visibility, access),
        Privacy::NoSuchChannel | Privacy::Known { .. } => {
            return Err(Stop::Words(copy::not_text_channel))
        }
    };
    if !v.is_private() {
        return Err(Stop::Say(copy::outsiders_refusal(call.r.lang(), &v)));
    }
    if access.member_permissions(req.invitee, partner_roles) & perms::VIEW_CHANNEL == 0 {
        return Err(Stop::Say(copy::partner_cannot_view(
            call.r.lang(),
            req.invitee,
        )));
    }
    bot_holds(
        call.r.lang(),
        app_perms(call.cmd),
        perms::BOT_IN_CHANNEL,
        copy::bot_missing_in_channel,
    )?;
    Ok(v)
}

/// The bot's permissions in the invoking channel, as Discord sent them with the command.
fn app_perms(cmd: &CommandInteraction) -> u64 {
    cmd.app_permissions.map_or(0, |p| p.bits())
}

/// Refuses, naming what is missing, unless `have` is Administrator or holds all of `needed`.
fn bot_holds(
    lang: Lang,
    have: u64,
    needed: u64,
    missing_words: fn(Lang, u64) -> String,
) -> Result<(), Stop> {
    let missing = needed & !have;
    if have & perms::ADMINISTRATOR == 0 && missing != 0 {
        return Err(Stop::Say(missing_words(lang, missing)));
    }
    Ok(())
}

fn invitation_message(inv: &Invitation, v: &Visibility) -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new()
        .content(copy::invitation(
            inv.language,
            inv.inviter,
            inv.invitee,
            inv.private_channel,
            inv.timezone.name(),
            &inv.nudge_time.to_string(),
            inv.expires_at,
            &copy::who_else_can_see(inv.language, v),
        ))
        .allowed_mentions(mentions(&[inv.invitee]))
        .components(answer_buttons(inv.language, inv.id))
}

/// The invitation as a direct message: a DM notifies by itself, so nobody is pinged.
fn invitation_dm(inv: &Invitation, v: &Visibility, server: &str, inviter: &str) -> CreateMessage {
    CreateMessage::new()
        .content(copy::invitation_by_dm(
            inv.language,
            inv.inviter,
            inviter,
            server,
            inv.timezone.name(),
            &inv.nudge_time.to_string(),
            inv.expires_at,
            &copy::who_else_can_see(inv.language, v),
        ))
        .allowed_mentions(mentions(&[]))
        .components(answer_buttons(inv.language, inv.id))
}

/// Accept and Not right now.
fn answer_buttons(lang: Lang, id: InvitationId) -> Vec<CreateActionRow> {
    vec![CreateActionRow::Buttons(vec![
        CreateButton::new(ComponentId::AcceptInvitation(id).encode())
            .label(copy::accept_button(lang))
            .style(ButtonStyle::Success),
        CreateButton::new(ComponentId::DeclineInvitation(id).encode())
            .label(copy::not_right_now_button(lang))
            .style(ButtonStyle::Secondary),
    ])]
}

fn private_overwrites(partners: [UserId; 2], bot: UserId) -> Vec<PermissionOverwrite> {
    let partner_allow = Permissions::VIEW_CHANNEL
        | Permissions::SEND_MESSAGES
        | Permissions::EMBED_LINKS
        | Permissions::ATTACH_FILES
        | Permissions::READ_MESSAGE_HISTORY;
    let mut v: Vec<PermissionOverwrite> = partners
        .iter()
        .map(|&p| PermissionOverwrite {
            allow: partner_allow,
            deny: Permissions::empty(),
            kind: PermissionOverwriteType::Member(p.into()),
        })
        .collect();
    v.push(PermissionOverwrite {
        allow: Permissions::from_bits_truncate(perms::BOT_IN_CHANNEL),
        deny: Permissions::empty(),
        kind: PermissionOverwriteType::Member(bot.into()),
    });
    v
}

/// The overwrites of a bot-created couple channel: hidden from @everyone, open to the two
/// partners and the bot.
fn created_channel_overwrites(
    guild: GuildId,
    partners: [UserId; 2],
    bot: UserId,
) -> Vec<PermissionOverwrite> {
    let mut v = vec![PermissionOverwrite {
        allow: Permissions::empty(),
        deny: Permissions::VIEW_CHANNEL,
        // @everyone's role id is the server's id.
        kind: PermissionOverwriteType::Role(RoleId(guild.get()).into()),
    }];
    v.extend(private_overwrites(partners, bot));
    v
}

pub async fn autocomplete(cmd: &CommandInteraction, r: &Responder<'_>) -> Handled {
    let query = cmd
        .data
        .autocomplete()
        .filter(|o| o.name == "timezone")
        .map(|o| o.value);
    let mut resp = serenity::all::CreateAutocompleteResponse::new();
    if let Some(q) = query {
        for name in timezone_suggestions(q, 25) {
            resp = resp.add_string_choice(name, name);
        }
    }
    r.respond(CreateInteractionResponse::Autocomplete(resp))
        .await
}

pub async fn answer(
    ctx: &Ctx,
    svc: &Services,
    it: &ComponentInteraction,
    r: &Responder<'_>,
    id: InvitationId,
    accept: bool,
) -> Handled {
    let presser = UserId::from(it.user.id);
    let channel_id = ChannelId::from(it.channel_id);
    let inv = match svc.invitation_for_answer(id, channel_id, presser).await {
        Ok(inv) => inv,
        Err(Fail::Refused(Refusal::InvitationExpired)) => {
            // Only the invited partner gets this far: show everyone it expired, in the words
            // the invitation was written in (in a DM, the presser's own).
            let lang = match it.guild_id {
                Some(_) => svc.invitation_language(id).await?.unwrap_or(r.lang()),
                None => r.lang(),
            };
            return r
                .respond(CreateInteractionResponse::UpdateMessage(
                    CreateInteractionResponseMessage::new()
                        .content(copy::expired(lang))
                        .components(vec![])
                        .allowed_mentions(mentions(&[])),
                ))
                .await;
        }
        Err(e) => return Err(e.into()),
    };
    if !accept {
        svc.decline(&inv).await?;
        tracing::info!(invitation = inv.id.0, "invitation declined");
        // The invitation says only that it is closed; nothing is announced anywhere.
        r.respond(CreateInteractionResponse::UpdateMessage(
            CreateInteractionResponseMessage::new()
                .content(copy::invitation_closed(inv.language))
                .components(vec![])
                .allowed_mentions(mentions(&[])),
        ))
        .await?;
        tell_inviter_privately(ctx, r.http(), &inv).await;
        return Ok(());
    }
    let invitation = (channel_id, MessageId::from(it.message.id));
    if inv.private_channel {
        accept_into_new_channel(ctx, svc, r, &inv, invitation).await
    } else {
        accept_here(ctx, svc, r, &inv, invitation).await
    }
}

/// A declined invitation's inviter learns it by direct message. If that fails, nothing else
/// happens: a decline is never announced where anyone else could read it.
async fn tell_inviter_privately(ctx: &Ctx, http: &Http, inv: &Invitation) {
    let note = CreateMessage::new()
        .content(copy::invitation_declined_note(
            inv.language,
            inv.invitee,
            &ctx.privacy.server_name(inv.guild_id).await,
        ))
        .allowed_mentions(mentions(&[]));
    let sent = match serenity::all::UserId::from(inv.inviter)
        .create_dm_channel(http)
        .await
    {
        Ok(dm) => dm.id.send_message(http, note).await.map(|_| ()),
        Err(e) => Err(e),
    };
    if let Err(e) = sent {
        tracing::info!(
            invitation = inv.id.0,
            error = %redact(&e.into()),
            "the inviter could not be told of a decline by direct message"
        );
    }
}

/// Accept for the channel /setup ran in: the couple starts there if it is still private.
/// `invitation` is the message the invitation was posted as (it becomes the welcome).
async fn accept_here(
    ctx: &Ctx,
    svc: &Services,
    r: &Responder<'_>,
    inv: &Invitation,
    invitation: (ChannelId, MessageId),
) -> Handled {
    let channel_id = invitation.0;
    // Permissions may have changed since /setup: check again before the couple starts.
    let (partners, since) = ([inv.inviter, inv.invitee], tokio::time::Instant::now());
    match ctx
        .privacy
        .channel(inv.guild_id, channel_id, partners, since)
        .await
    {
        Privacy::Unknown => return Err(Stop::Words(copy::guild_not_ready)),
        Privacy::NoSuchChannel | Privacy::Known { is_text: false, .. } => {
            return Err(Refusal::InvitationGone.into())
        }
        Privacy::Known { visibility, .. } if !visibility.is_private() => {
            return Err(Stop::Say(copy::outsiders_refusal(r.lang(), &visibility)))
        }
        Privacy::Known { .. } => {}
    }
    let couple = svc.accept(inv, Home::Existing).await?;
    tracing::info!(couple = couple.id.0, invitation = inv.id.0, "couple paired");
    keep_invitation(svc, &couple, invitation).await;
    r.respond(CreateInteractionResponse::UpdateMessage(
        CreateInteractionResponseMessage::new()
            .content(format!(
                "{}\n\n{}",
                copy::accepted(inv.language, inv.inviter, inv.invitee, couple.channel_id),
                copy::welcome(
                    inv.language,
                    couple.partners,
                    inv.timezone.name(),
                    &inv.nudge_time.to_string()
                )
            ))
            .components(vec![])
            .allowed_mentions(mentions(&couple.partners)),
    ))
    .await
}

/// The invitation's message, answered, is one of haven's posts for the new couple.
async fn keep_invitation(
    svc: &Services,
    couple: &Couple,
    (channel, message): (ChannelId, MessageId),
) {
    if let Err(e) = svc.record_post(couple.id, channel, message).await {
        tracing::error!(couple = couple.id.0, error = %e, "could not record the invitation's message");
    }
}

async fn accept_into_new_channel(
    ctx: &Ctx,
    svc: &Services,
    r: &Responder<'_>,
    inv: &Invitation,
    invitation: (ChannelId, MessageId),
) -> Handled {
    svc.may_accept(inv).await?;
    svc.may_create_channel(inv.guild_id).await?;
    // The channel lets the bot itself in by its id: without it, nothing is created.
    let Some(bot_id) = ctx.privacy.bot_id().await else {
        return Err(Stop::Words(copy::guild_not_ready));
    };
    // Creating a channel can take a moment: acknowledge first, within Discord's 3 seconds.
    r.respond(CreateInteractionResponse::Acknowledge).await?;
    let guild_id = serenity::all::GuildId::from(inv.guild_id);
    let names = {
        let name = |u: UserId| {
            ctx.cache
                .user(serenity::all::UserId::from(u))
                .map(|u| u.name.clone())
                .unwrap_or_default()
        };
        (name(inv.inviter), name(inv.invitee))
    };
    let mut channel_name = channel_slug(&["haven", &names.0, &names.1], 90);
    if channel_name == "haven" || channel_name.is_empty() {
        channel_name = format!("haven-{}", inv.id.0);
    }
    let created = guild_id
        .create_channel(
            r.http(),
            CreateChannel::new(channel_name)
                .kind(serenity::all::ChannelType::Text)
                .topic(copy::created_channel_topic(inv.language))
                .permissions(created_channel_overwrites(inv.guild_id, [inv.inviter, inv.invitee], bot_id)),
        )
        .await
        .map_err(|e| {
            tracing::warn!(invitation = inv.id.0, error = %e, "could not create the couple channel");
            Stop::Words(copy::channel_not_created)
        })?;
    let new_channel = ChannelId::from(created.id);
    let couple = match svc.accept(inv, Home::Created(new_channel)).await {
        Ok(c) => c,
        Err(e) => {
            if let Err(del) = created.id.delete(r.http()).await {
                tracing::warn!(channel = new_channel.0, error = %del, "could not remove an unused channel");
            }
            return Err(e.into());
        }
    };
    tracing::info!(
        couple = couple.id.0,
        invitation = inv.id.0,
        "couple paired in a new channel"
    );
    keep_invitation(svc, &couple, invitation).await;
    r.edit(
        EditInteractionResponse::new()
            .content(copy::accepted(
                inv.language,
                inv.inviter,
                inv.invitee,
                new_channel,
            ))
            .components(vec![])
            .allowed_mentions(mentions(&[])),
    )
    .await?;
    // A post of the bot's own in the new channel: through the outbox, exactly once.
    svc.welcome(&couple, &inv.nudge_time.to_string()).await?;
    Ok(())
}
