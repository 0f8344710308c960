-- Passkeys (WebAuthn). Spring Security's tables, read and written by its JdbcPublicKeyCredentialUserEntityRepository
-- and JdbcUserCredentialRepository, as its user-entities-schema.sql and user-credentials-schema(-postgres).sql make
-- them, plus what keeps them tidy here:
-- user_entities: one per account that ever asked to add a passkey; its name is the user id (the principal's name),
--   its id the random user handle the authenticators keep (never the user id).
-- user_credentials: one per passkey; label is the name the person gives it. A passkey goes with its user entity
--   (on delete cascade); the app deletes the user entity with the account.
-- Portable SQL (H2 and PostgreSQL): bytea is PostgreSQL's type and an H2 alias of varbinary.

create table user_entities (
    id           varchar(1000) not null,
    name         varchar(100)  not null,
    display_name varchar(200),
    constraint user_entities_pk primary key (id),
    constraint user_entities_name_unique unique (name)
);

create table user_credentials (
    credential_id                varchar(1000) not null,
    user_entity_user_id          varchar(1000) not null,
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) not null,
    constraint user_credentials_pk primary key (credential_id),
    constraint user_credentials_user_entity_fk foreign key (user_entity_user_id) references user_entities (id)
        on delete cascade
);

create index user_credentials_user_entity on user_credentials (user_entity_user_id);
