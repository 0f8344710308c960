-- Facebook data-deletion requests, so that the status URL given to Facebook keeps answering. Only the
-- confirmation code and two dates: nothing here says whose data it was. Portable SQL (H2 and PostgreSQL).

create table data_deletion_requests (
    confirmation_code varchar(64) primary key,
    requested_at      timestamp with time zone not null,
    completed_at      timestamp with time zone not null
);
