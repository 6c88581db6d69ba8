//! The `partners` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partners")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The company name (also the brand name until the partner sets one).
    pub name: String,
    #[sea_orm(unique)]
    pub slug: String,
    /// A `model::partners::PartnerStatus` wire name.
    pub status: String,
    pub trial_ends_at: Option<DateTimeUtc>,
    /// Why the operator suspended the partner (shown to platform admins).
    pub status_reason: Option<String>,
    /// The brand the partner's customers see; `None` falls back to the company name.
    pub brand_name: Option<String>,
    /// `#rrggbb`; `None` is the platform's default accent.
    pub primary_color: Option<String>,
    pub support_email: Option<String>,
    /// The address the partner's mail is sent from; `None` uses the platform's sender.
    pub from_email: Option<String>,
    /// A `model::billing::TierCode` wire name.
    pub tier: String,
    /// Extensions of the partner's tenants that are not cancelled (the tier cap counts
    /// these); kept in the transaction of every change.
    pub extension_count: i32,
    /// The prepaid wallet; always the sum of the partner's ledger entries.
    pub balance_cents: i64,
    pub auto_recharge_enabled: bool,
    pub auto_recharge_threshold_cents: i64,
    pub auto_recharge_amount_cents: i64,
    /// The last auto-recharge attempt (it fires at most once an hour).
    pub auto_recharge_last_at: Option<DateTimeUtc>,
    /// A downgrade chosen for the next cycle (a `TierCode` wire name).
    pub pending_tier: Option<String>,
    /// Call cost accrued but below a whole cent, debited once it adds up.
    pub usage_carry_micros: i64,
    /// The last month (`YYYY-MM`) the monthly cycle charged.
    pub last_cycle: Option<String>,
    /// The current logo's file name (`<hash>.<ext>`); it changes with the file, so the
    /// logo's URL can be cached for good.
    pub logo_key: Option<String>,
    /// What the partner's invoice numbers start with (`INV-` → `INV-000042`).
    pub invoice_prefix: String,
    /// Days after issue at which an unpaid invoice suspends its tenant, unless the
    /// tenant's profile says otherwise.
    pub suspend_after_days: i32,
    /// Whether the billing run mails each new invoice at once (else it waits as a draft
    /// for the partner to check and send).
    pub auto_send_invoices: bool,
    /// How tenants' card payments are collected: a `PaymentMode` wire name.
    pub payment_mode: String,
    pub connect_account_id: Option<String>,
    /// The partner's own Stripe secret key (Custom keys), sealed with the installation
    /// key; never shown again (pages see the last four characters).
    pub stripe_secret_sealed: Option<String>,
    pub stripe_secret_last4: Option<String>,
    pub stripe_publishable_key: Option<String>,
    pub statement_descriptor: Option<String>,
    /// The last invoice number issued: invoices are numbered from it without gaps.
    pub invoice_seq: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
