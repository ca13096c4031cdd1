// The reference portal: shows what each service sees of the logged-in user, through the gateway's one session.
const AREAS = [['catalog', '事项目录 catalog'], ['applications', '办件 applications'], ['licenses', '电子证照 licences'],
  ['identity', '用户中心 identity'], ['supervision', '效能监督 supervision']];

function cookie(name) {
  const match = document.cookie.split('; ').find(c => c.startsWith(name + '='));
  return match ? decodeURIComponent(match.split('=')[1]) : '';
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  row.appendChild(td);
}

async function load() {
  const rows = document.getElementById('services');
  let loggedIn = false;
  for (const [area, label] of AREAS) {
    const row = document.createElement('tr');
    cell(row, label);
    try {
      const response = await fetch(`/api/${area}/whoami`, {headers: {Accept: 'application/json'}});
      if (response.ok) {
        const me = await response.json();
        loggedIn = true;
        document.getElementById('who').textContent = me.username;
        [me.subject, (me.roles || []).join(', '), me.region, me.department, me.holderType].forEach(v => cell(row, v));
      } else {
        const problem = await response.json().catch(() => ({}));
        cell(row, `${response.status} ${problem.code || ''}`);
      }
    } catch (e) {
      cell(row, 'unreachable');
    }
    rows.appendChild(row);
  }
  document.getElementById('login').hidden = loggedIn;
  document.getElementById('logout').hidden = !loggedIn;
  document.getElementById('csrf').value = cookie('XSRF-TOKEN');
}

load();
