//! The gateway event handler: every interaction enters here and is routed to one handler.

use std::time::Instant;

use serenity::all::{
    CommandInteraction, ComponentInteraction, ConnectionStage, Context, EventHandler, Interaction,
    ModalInteraction, RatelimitInfo, Ready, ResumedEvent, ShardStageUpdateEvent,
};
use serenity::async_trait;

use super::ctx::Ctx;
use super::onmymind;
use super::respond::{Handled, Responder, Stop};
use super::{checkin, commands, forget, prompt, pulse, setup};
use crate::copy;
use crate::domain::custom_id::ComponentId;
use crate::domain::ids::{ChannelId, UserId};
use crate::ops::metrics::InteractionOutcome;
use crate::service::Services;

pub struct Handler {
    pub services: Services,
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        // Fires again after every fresh IDENTIFY: start nothing here.
        tracing::info!(guilds = ready.guilds.len(), "connected to Discord");
        self.services.ops.shard_connected(ctx.shard_id.0, true);
        // READY lists every server of this shard, available or not: one with couples that is
        // missing removed haven while it was offline, and its retention clock starts now.
        let present = ready.guilds.iter().map(|g| g.id.into()).collect();
        let shard = ready.shard.map(|s| (s.id.0, s.total));
        match self.services.guilds_at_connect(present, shard).await {
            Ok(0) => {}
            Ok(gone) => tracing::info!(
                servers = gone,
                "servers that removed haven while it was offline; their couples are kept for the retention period"
            ),
            Err(e) => tracing::error!(error = %e, "could not compare the servers with the stored couples"),
        }
    }

    async fn resume(&self, ctx: Context, _: ResumedEvent) {
        self.services.ops.shard_connected(ctx.shard_id.0, true);
    }

    async fn shard_stage_update(&self, _ctx: Context, event: ShardStageUpdateEvent) {
        let connected = event.new == ConnectionStage::Connected;
        if !connected && event.old == ConnectionStage::Connected {
            tracing::info!(shard = event.shard_id.0, "lost the gateway connection");
        }
        self.services
            .ops
            .shard_connected(event.shard_id.0, connected);
    }

    async fn ratelimit(&self, _data: RatelimitInfo) {
        self.services.ops.metrics.ratelimit_wait();
    }

    async fn channel_delete(
        &self,
        _ctx: Context,
        channel: serenity::all::GuildChannel,
        _messages: Option<Vec<serenity::all::Message>>,
    ) {
        let (guild, id) = (channel.guild_id.into(), channel.id.into());
        if let Err(e) = self.services.channel_deleted(guild, id).await {
            tracing::error!(error = %e, "could not record a deleted channel");
        }
    }

    async fn guild_create(
        &self,
        _ctx: Context,
        guild: serenity::all::Guild,
        _is_new: Option<bool>,
    ) {
        if let Err(e) = self.services.guild_present(guild.id.into()).await {
            tracing::error!(error = %e, "could not record a server");
        }
    }

    async fn guild_delete(
        &self,
        _ctx: Context,
        incomplete: serenity::all::UnavailableGuild,
        _full: Option<serenity::all::Guild>,
    ) {
        // An outage makes a server unavailable; only a removal starts the retention clock.
        if incomplete.unavailable {
            return;
        }
        tracing::info!(
            guild = incomplete.id.get(),
            "removed from a server; its couples are kept for the retention period"
        );
        if let Err(e) = self.services.guild_removed(incomplete.id.into()).await {
            tracing::error!(error = %e, "could not record a removal");
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        self.interaction(&Ctx::from(&ctx), interaction).await;
    }
}

/// Reads the shard manager's own view of its shards every second into `ops` (serenity does not
/// dispatch a stage update for every change: a failed resume or a restart goes unannounced),
/// until `stop`.
pub async fn watch_shards(
    manager: std::sync::Arc<serenity::gateway::ShardManager>,
    ops: std::sync::Arc<crate::ops::Ops>,
    owned: std::ops::Range<u32>,
    stop: tokio_util::sync::CancellationToken,
) {
    let mut ticks = tokio::time::interval(std::time::Duration::from_secs(1));
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = ticks.tick() => {}
        }
        let stages: Vec<(u32, bool)> = {
            let runners = manager.runners.lock().await;
            owned
                .clone()
                .map(|id| {
                    let connected = runners
                        .get(&serenity::all::ShardId(id))
                        .is_some_and(|r| r.stage == ConnectionStage::Connected);
                    (id, connected)
                })
                .collect()
        };
        for (id, connected) in stages {
            ops.shard_connected(id, connected);
        }
    }
}

/// How a handler ended, for the metrics.
fn outcome_of(outcome: &Handled) -> InteractionOutcome {
    match outcome {
        Ok(()) => InteractionOutcome::Ok,
        Err(stop) if stop.is_said() => InteractionOutcome::Refused,
        Err(_) => InteractionOutcome::Error,
    }
}

impl Handler {
    /// Every interaction, from the gateway or from an HTTP POST, goes through here; its
    /// latency is measured by command name (from the command table only) and outcome.
    pub async fn interaction(&self, ctx: &Ctx, interaction: Interaction) {
        let started = Instant::now();
        let (label, outcome) = match interaction {
            Interaction::Command(cmd) => {
                let label = commands::find(&cmd.data.name).map_or("other", |c| c.name);
                (label, self.command(ctx, &cmd).await)
            }
            Interaction::Autocomplete(cmd) => ("autocomplete", self.autocomplete(ctx, &cmd).await),
            Interaction::Component(it) => ("component", self.component(ctx, &it).await),
            Interaction::Modal(it) => ("modal", self.modal(ctx, &it).await),
            _ => ("other", InteractionOutcome::Ok),
        };
        self.services
            .ops
            .metrics
            .interaction(label, outcome, started.elapsed().as_secs_f64());
    }

    /// The responder of one interaction, speaking the language of the person who used it: the
    /// one they chose in `/settings`, or else their Discord language.
    async fn responder<'a>(
        &self,
        ctx: &'a Ctx,
        id: serenity::all::InteractionId,
        token: &'a str,
        locale: &str,
        user: serenity::all::UserId,
    ) -> Responder<'a> {
        let chosen = match self.services.chosen_language(user.into()).await {
            Ok(chosen) => chosen,
            Err(e) => {
                tracing::debug!(error = ?e, "a language choice could not be read");
                None
            }
        };
        Responder::new(&ctx.http, id, token)
            .observed(self.services.ops.clone(), ctx.first_answer.clone())
            .speaking(locale)
            .choosing(chosen)
    }

    async fn autocomplete(&self, ctx: &Ctx, cmd: &CommandInteraction) -> InteractionOutcome {
        let r = self
            .responder(ctx, cmd.id, &cmd.token, &cmd.locale, cmd.user.id)
            .await;
        let outcome = match commands::find(&cmd.data.name).and_then(|c| c.autocomplete) {
            Some(suggest) => suggest(cmd, &self.services, &r).await,
            None => {
                r.respond(serenity::all::CreateInteractionResponse::Autocomplete(
                    serenity::all::CreateAutocompleteResponse::new(),
                ))
                .await
            }
        };
        let label = outcome_of(&outcome);
        if let Err(Stop::Internal(e)) = outcome {
            let e = super::respond::redact(&e);
            tracing::debug!(error = %e, "autocomplete answer failed");
        }
        label
    }

    async fn command(&self, ctx: &Ctx, cmd: &CommandInteraction) -> InteractionOutcome {
        let r = self
            .responder(ctx, cmd.id, &cmd.token, &cmd.locale, cmd.user.id)
            .await;
        let name = cmd.data.name.as_str();
        tracing::info!(
            command = %crate::domain::text::clip(name, 32),
            guild = cmd.guild_id.map(|g| g.get()),
            channel = cmd.channel_id.get(),
            user = cmd.user.id.get(),
            "command"
        );
        let outcome = commands::run(ctx, &self.services, cmd, &r).await;
        let label = outcome_of(&outcome);
        r.finish(outcome, "command").await;
        label
    }

    async fn component(&self, ctx: &Ctx, it: &ComponentInteraction) -> InteractionOutcome {
        let r = self
            .responder(ctx, it.id, &it.token, &it.locale, it.user.id)
            .await;
        let parsed = ComponentId::parse(&it.data.custom_id);
        tracing::info!(
            component = ?parsed.as_ref().ok(),
            guild = it.guild_id.map(|g| g.get()),
            channel = it.channel_id.get(),
            user = it.user.id.get(),
            "component"
        );
        let outcome = match parsed {
            Err(_) => Err(Stop::Words(copy::stale_button)),
            // An invitation sent by direct message is answered there, outside any server; the
            // invitation itself knows its server and where its buttons may be pressed.
            Ok(ComponentId::AcceptInvitation(id)) => {
                setup::answer(ctx, &self.services, it, &r, id, true).await
            }
            Ok(ComponentId::DeclineInvitation(id)) => {
                setup::answer(ctx, &self.services, it, &r, id, false).await
            }
            // The follow-up of "on my mind" is answered in a DM too: its button carries the
            // couple, and only the note's author may press it.
            Ok(ComponentId::OnMyMind(id @ crate::domain::onmymind::OmId::Answer { .. })) => {
                onmymind::answer(&self.services, it, &r, id).await
            }
            Ok(_) if it.guild_id.is_none() => Err(Stop::Words(copy::dm_not_supported)),
            Ok(ComponentId::OnMyMind(id)) => {
                match self
                    .channel_couple(
                        it.guild_id.map(Into::into),
                        it.channel_id.into(),
                        it.user.id.into(),
                    )
                    .await
                {
                    Ok(couple) => {
                        let outcome = onmymind::component(
                            ctx,
                            &self.services,
                            &r,
                            &couple,
                            it.user.id.into(),
                            id,
                        )
                        .await;
                        // A pick is answered in public: one of haven's posts for the couple.
                        r.keep_public_answer(&self.services, couple.id).await;
                        outcome
                    }
                    Err(e) => Err(e),
                }
            }
            Ok(ComponentId::ForgetPosts {
                couple,
                remove_posts,
            }) => forget::posts_chosen(&self.services, it, &r, couple, remove_posts).await,
            Ok(ComponentId::ConfirmForget { couple, choice }) => {
                forget::confirm(&self.services, it, &r, couple, choice).await
            }
            Ok(ComponentId::CancelForget(c)) => forget::cancel(&self.services, it, &r, c).await,
            Ok(ComponentId::Help) => commands::help(&self.services, &r).await,
            Ok(
                id @ (ComponentId::CheckIn
                | ComponentId::EditCheckin(_)
                | ComponentId::ReflectBack { .. }
                | ComponentId::FeltHeard { .. }
                | ComponentId::AnotherPrompt(_)
                | ComponentId::Lighter(_)
                | ComponentId::CheckinForm(_)
                | ComponentId::ReflectForm { .. }
                | ComponentId::ShowAnniversary
                | ComponentId::PulseDigest
                | ComponentId::PulseOpen(_)
                | ComponentId::PulseForm { .. }),
            ) => self.couple_component(ctx, it, &r, id).await,
        };
        let label = outcome_of(&outcome);
        r.finish(outcome, "component").await;
        label
    }

    /// Buttons that act on the channel's couple: only its partners may press them.
    async fn couple_component(
        &self,
        ctx: &Ctx,
        it: &ComponentInteraction,
        r: &Responder<'_>,
        id: ComponentId,
    ) -> Handled {
        let user = UserId::from(it.user.id);
        let couple = self
            .channel_couple(it.guild_id.map(Into::into), it.channel_id.into(), user)
            .await?;
        let svc = &self.services;
        let outcome = match id {
            ComponentId::CheckIn => {
                let day = svc.today(&couple, user);
                checkin::open_form(svc, r, &couple, user, day).await
            }
            ComponentId::EditCheckin(day) => checkin::open_form(svc, r, &couple, user, day).await,
            ComponentId::ReflectBack { day, slot } => {
                checkin::open_reflection(svc, r, &couple, user, day, slot).await
            }
            ComponentId::FeltHeard { reflection, heard } => {
                checkin::felt_heard(svc, r, &couple, user, reflection, heard).await
            }
            ComponentId::AnotherPrompt(deck) => {
                prompt::show(ctx, svc, r, &couple, deck, false).await
            }
            ComponentId::Lighter(deck) => prompt::show(ctx, svc, r, &couple, deck, true).await,
            ComponentId::ShowAnniversary => super::anniversary::show(svc, r, &couple).await,
            ComponentId::PulseDigest => pulse::open(svc, r, &couple, user, None).await,
            ComponentId::PulseOpen(c) => pulse::open(svc, r, &couple, user, Some(c)).await,
            // Form ids arrive as form submissions, never as buttons.
            _ => Err(Stop::Words(copy::stale_button)),
        };
        // Another prompt answers in public: one of haven's posts for the couple.
        r.keep_public_answer(svc, couple.id).await;
        outcome
    }

    /// The authorisation rule for buttons and forms: the channel's couple, for its partners.
    async fn channel_couple(
        &self,
        guild: Option<crate::domain::ids::GuildId>,
        channel: ChannelId,
        user: UserId,
    ) -> Result<crate::domain::couple::Couple, Stop> {
        Ok(self
            .services
            .access(guild, channel, user)
            .await?
            .require_partner()?)
    }

    async fn modal(&self, ctx: &Ctx, it: &ModalInteraction) -> InteractionOutcome {
        let r = self
            .responder(ctx, it.id, &it.token, &it.locale, it.user.id)
            .await;
        let parsed = ComponentId::parse(&it.data.custom_id);
        tracing::info!(form = ?parsed.as_ref().ok(), channel = it.channel_id.get(), user = it.user.id.get(), "form submitted");
        let user = UserId::from(it.user.id);
        let outcome = match parsed {
            _ if it.guild_id.is_none() => Err(Stop::Words(copy::dm_not_supported)),
            Ok(ComponentId::CheckinForm(day)) => {
                match self
                    .channel_couple(it.guild_id.map(Into::into), it.channel_id.into(), user)
                    .await
                {
                    Ok(couple) => checkin::submit(&self.services, it, &r, &couple, day).await,
                    Err(e) => Err(e),
                }
            }
            Ok(ComponentId::ReflectForm { day, slot }) => {
                match self
                    .channel_couple(it.guild_id.map(Into::into), it.channel_id.into(), user)
                    .await
                {
                    Ok(couple) => {
                        checkin::submit_reflection(&self.services, it, &r, &couple, day, slot).await
                    }
                    Err(e) => Err(e),
                }
            }
            Ok(ComponentId::OnMyMind(id)) => {
                match self
                    .channel_couple(it.guild_id.map(Into::into), it.channel_id.into(), user)
                    .await
                {
                    Ok(couple) => onmymind::submit(&self.services, it, &r, &couple, id).await,
                    Err(e) => Err(e),
                }
            }
            Ok(ComponentId::PulseForm { couple: c, week }) => {
                match self
                    .channel_couple(it.guild_id.map(Into::into), it.channel_id.into(), user)
                    .await
                {
                    Ok(couple) => pulse::submit(&self.services, it, &r, &couple, c, week).await,
                    Err(e) => Err(e),
                }
            }
            // Anything else is stale or forged.
            _ => Err(Stop::Words(copy::stale_button)),
        };
        let label = outcome_of(&outcome);
        r.finish(outcome, "modal").await;
        label
    }
}
