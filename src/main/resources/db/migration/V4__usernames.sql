-- A person's handle at their provider (X's screen name, GitHub's login), shown as "@handle" beside their display
-- name. Portable SQL (H2 and PostgreSQL).

alter table users add column username varchar(50);
alter table identities add column username varchar(50);
