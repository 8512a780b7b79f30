#!/bin/bash
# One request to the checkout over FastCGI (cgi-fcgi, Debian's libfcgi-bin), as a web server
# with a front-controller rule would send it: the path as PATH_INFO, a form-encoded body.
# Prints the response body; with -i the status and headers first; -j asks for JSON.
#
#   request.sh [-i] [-j] SOCKET METHOD URI [BODY]
#   request.sh -j "$sock" POST /orders 'amount=1.5'
#   request.sh -j "$sock" POST /orders/A-1/claim 'txid=87e4…'
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
headers=0
accept='text/html'
while [ $# -gt 0 ]; do
  case $1 in
    -i) headers=1; shift ;;
    -j) accept='application/json'; shift ;;
    *) break ;;
  esac
done
[ $# -ge 3 ] && [ $# -le 4 ] || { sed -n '6,8p' "$0" | sed 's/^# *//' >&2; exit 64; }
socket=$1 method=$2 uri=$3 body=${4:-}
path=${uri%%\?*}
query=
[[ $uri == *\?* ]] && query=${uri#*\?}
CGI_FCGI=$(command -v "${CGI_FCGI:-cgi-fcgi}")
length=$(printf '%s' "$body" | wc -c)

# env -i: cgi-fcgi sends its whole environment as FastCGI parameters; only these go.
response=$(printf '%s' "$body" | timeout 30 env -i \
  GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 SERVER_SOFTWARE=request.sh \
  SERVER_NAME=127.0.0.1 SERVER_PORT=80 REMOTE_ADDR=127.0.0.1 HTTP_HOST=127.0.0.1 \
  DOCUMENT_ROOT="$HERE" SCRIPT_FILENAME="$HERE/index.php" SCRIPT_NAME=/index.php \
  REQUEST_METHOD="$method" REQUEST_URI="$uri" PATH_INFO="$path" QUERY_STRING="$query" \
  HTTP_ACCEPT="$accept" CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH="$length" \
  "$CGI_FCGI" -bind -connect "$socket" | tr -d '\r'; echo x)
response=${response%x}  # keeps the body's last newline, which $(…) would drop
if [ $headers = 1 ]; then
  # cgi-fcgi gives the CGI headers; no Status header means 200.
  grep -q '^Status:' <<< "${response%%$'\n\n'*}" || printf 'Status: 200 OK\n'
  printf '%s' "$response"
else
  printf '%s' "${response#*$'\n\n'}"
fi
