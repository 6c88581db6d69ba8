//! Webhook endpoints, the deliveries fanned out from `events` (one per event and
//! endpoint, plus manual redeliveries) and every attempt made.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Events still to be fanned out to endpoints have no mark yet.
        m.alter_table(
            Table::alter()
                .table(Events::Table)
                .add_column(timestamp_with_time_zone_null(Events::FannedOutAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("events_fan_out")
                .table(Events::Table)
                .col(Events::FannedOutAt)
                .col(Events::Id)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(WebhookEndpoints::Table)
                .col(pk_auto(WebhookEndpoints::Id))
                .col(uuid_uniq(WebhookEndpoints::PublicId))
                .col(integer(WebhookEndpoints::PartnerId))
                .col(text(WebhookEndpoints::Url))
                .col(string_len(WebhookEndpoints::Description, 200))
                .col(text(WebhookEndpoints::Events))
                .col(text(WebhookEndpoints::SecretSealed))
                .col(string_len(WebhookEndpoints::SecretHint, 40))
                .col(boolean(WebhookEndpoints::Enabled))
                .col(string_len_null(WebhookEndpoints::DisabledReason, 20))
                .col(integer(WebhookEndpoints::ConsecutiveFailures).default(0))
                .col(timestamp_with_time_zone(WebhookEndpoints::CreatedAt))
                .col(timestamp_with_time_zone(WebhookEndpoints::UpdatedAt))
                .col(timestamp_with_time_zone_null(WebhookEndpoints::DeletedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("webhook_endpoints_partner")
                .table(WebhookEndpoints::Table)
                .col(WebhookEndpoints::PartnerId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(WebhookDeliveries::Table)
                .col(pk_auto(WebhookDeliveries::Id))
                .col(uuid_uniq(WebhookDeliveries::PublicId))
                .col(integer(WebhookDeliveries::EndpointId))
                .col(integer(WebhookDeliveries::EventId))
                .col(integer(WebhookDeliveries::Seq))
                .col(string_len(WebhookDeliveries::Status, 12))
                .col(integer(WebhookDeliveries::Attempts).default(0))
                .col(timestamp_with_time_zone_null(
                    WebhookDeliveries::NextAttemptAt,
                ))
                .col(string_len_null(WebhookDeliveries::LeaseOwner, 80))
                .col(timestamp_with_time_zone_null(WebhookDeliveries::LeaseUntil))
                .col(timestamp_with_time_zone(WebhookDeliveries::CreatedAt))
                .to_owned(),
        )
        .await?;
        // Fan-out on two instances at once inserts each delivery once.
        m.create_index(
            Index::create()
                .name("webhook_deliveries_once")
                .table(WebhookDeliveries::Table)
                .col(WebhookDeliveries::EventId)
                .col(WebhookDeliveries::EndpointId)
                .col(WebhookDeliveries::Seq)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("webhook_deliveries_due")
                .table(WebhookDeliveries::Table)
                .col(WebhookDeliveries::NextAttemptAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("webhook_deliveries_endpoint")
                .table(WebhookDeliveries::Table)
                .col(WebhookDeliveries::EndpointId)
                .col(WebhookDeliveries::Id)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(WebhookAttempts::Table)
                .col(pk_auto(WebhookAttempts::Id))
                .col(integer(WebhookAttempts::DeliveryId))
                .col(integer(WebhookAttempts::EndpointId))
                .col(integer(WebhookAttempts::Attempt))
                .col(timestamp_with_time_zone(WebhookAttempts::AttemptedAt))
                .col(big_integer(WebhookAttempts::DurationMs))
                .col(integer_null(WebhookAttempts::ResponseStatus))
                .col(string_len(WebhookAttempts::Outcome, 200))
                .col(boolean(WebhookAttempts::Succeeded))
                .col(text_null(WebhookAttempts::ResponseBody))
                .to_owned(),
        )
        .await?;
        // An attempt is recorded once, whichever instance made it.
        m.create_index(
            Index::create()
                .name("webhook_attempts_once")
                .table(WebhookAttempts::Table)
                .col(WebhookAttempts::DeliveryId)
                .col(WebhookAttempts::Attempt)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("webhook_attempts_endpoint")
                .table(WebhookAttempts::Table)
                .col(WebhookAttempts::EndpointId)
                .col(WebhookAttempts::Id)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    FannedOutAt,
}

#[derive(DeriveIden)]
enum WebhookEndpoints {
    Table,
    Id,
    PublicId,
    PartnerId,
    Url,
    Description,
    Events,
    SecretSealed,
    SecretHint,
    Enabled,
    DisabledReason,
    ConsecutiveFailures,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Id,
    PublicId,
    EndpointId,
    EventId,
    Seq,
    Status,
    Attempts,
    NextAttemptAt,
    LeaseOwner,
    LeaseUntil,
    CreatedAt,
}

#[derive(DeriveIden)]
enum WebhookAttempts {
    Table,
    Id,
    DeliveryId,
    EndpointId,
    Attempt,
    AttemptedAt,
    DurationMs,
    ResponseStatus,
    Outcome,
    Succeeded,
    ResponseBody,
}
