-- The shared SES send budget (V25, email_send_pace) is the hub's: every email task books its send
-- slots on that row. V25 sorts before the roles of V50, so its grant comes here; the shop, which
-- V50 granted every table of the schema, has no business with it.
GRANT SELECT, UPDATE ON email_send_pace TO silverjems_hub;
REVOKE ALL ON email_send_pace FROM silverjems_shop;
