# Sourced by the MariaDB image's entrypoint on the first start: one schema and one least-privilege user per
# service, as ./hall provisions them on a machine. Passwords come from the onehall-secrets Secret.
for service in catalog application license identity supervision; do
  password_variable="ONEHALL_DB_PASSWORD_ONEHALL_${service^^}"
  docker_process_sql <<SQL
CREATE DATABASE IF NOT EXISTS \`onehall_${service}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'onehall_${service}'@'%' IDENTIFIED BY '${!password_variable}';
GRANT SELECT,INSERT,UPDATE,DELETE,CREATE,ALTER,INDEX,DROP,REFERENCES,CREATE VIEW,LOCK TABLES ON \`onehall_${service}\`.* TO 'onehall_${service}'@'%';
SQL
done
