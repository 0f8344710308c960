-- Server-to-server notifications from providers (Apple's: account-delete, consent-revoked, email-disabled,
-- email-enabled), each acted on once: its id (Apple's jti) is kept, and one seen before changes nothing. The person's
-- id at the provider is kept for the email notifications only, which are the record that forwarding changed.
-- Portable SQL (H2 and PostgreSQL).

create table provider_notifications (
    provider           varchar(15)  not null,
    notification_id    varchar(200) not null,
    notification_type  varchar(40)  not null,
    provider_user_id   varchar(255),
    received_at        timestamp with time zone not null,
    constraint provider_notifications_pk primary key (provider, notification_id)
);
