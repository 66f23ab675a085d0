-- Every post a ticket names has its row in reported_post, also the posts of tickets filed before V8
-- made the table. A filing whose post has no row yet is then that post's first report, and files
-- without looking for an open ticket of it (Ticket.lockReportedPost).
INSERT INTO reported_post (normalized_url)
SELECT DISTINCT t.normalized_url FROM ticket t
WHERE t.normalized_url IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM reported_post p WHERE p.normalized_url = t.normalized_url);
