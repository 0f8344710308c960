-- Kept provider tokens, for the providers with signin.providers.<id>.keep-tokens=true (empty otherwise).
-- oauth2_authorized_client is Spring Security's table, read and written by its JdbcOAuth2AuthorizedClientService,
-- with the token values encrypted (AES-256-GCM under SIGNIN_TOKENS_KEY, bound to their row and column) and times with
-- their time zone; oauth1_authorized_client is its counterpart for X over OAuth 1.0a (token and secret, encrypted).
-- Both are keyed by the registration id and the principal's name, which is the user id; the app deletes the rows with
-- the identity or the account, after reading them to revoke them at the provider.
-- Portable SQL (H2 and PostgreSQL).

create table oauth2_authorized_client (
    client_registration_id  varchar(100)  not null,
    principal_name          varchar(200)  not null,
    access_token_type       varchar(100)  not null,
    access_token_value      bytea         not null,
    access_token_issued_at  timestamp with time zone,
    access_token_expires_at timestamp with time zone,
    access_token_scopes     varchar(1000),
    refresh_token_value     bytea,
    refresh_token_issued_at timestamp with time zone,
    created_at              timestamp with time zone default current_timestamp not null,
    constraint oauth2_authorized_client_pk primary key (client_registration_id, principal_name)
);

create index oauth2_authorized_client_principal on oauth2_authorized_client (principal_name);

create table oauth1_authorized_client (
    client_registration_id  varchar(100)  not null,
    principal_name          varchar(200)  not null,
    token_value             bytea         not null,
    token_secret            bytea         not null,
    created_at              timestamp with time zone not null,
    constraint oauth1_authorized_client_pk primary key (client_registration_id, principal_name)
);

create index oauth1_authorized_client_principal on oauth1_authorized_client (principal_name);
