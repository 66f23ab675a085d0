-- Whether the organisation's groups gave this account its roles (it was made or changed by a mapped group
-- at a sign-in through the provider). Such an account loses them when its person is in no mapped group
-- any more; an account communicatie made by hand, which no group changed, keeps its own.
alter table staff_user add column roles_from_provider boolean default false not null;
