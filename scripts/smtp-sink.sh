#!/usr/bin/env bash
# The tests' SMTP server: aiosmtpd (from PyPI, pinned, installed into a virtual environment under .local/smtp-sink)
# listening on 127.0.0.1:$BUDGETAI_SMTP_SINK_PORT (2525) and writing every message it accepts, unchanged but for the
# X-Peer, X-MailFrom and X-RcptTo headers aiosmtpd adds, into the Maildir .local/smtp-sink/maildir (new/), which a
# start of a stopped sink empties.
#   scripts/smtp-sink.sh start    install aiosmtpd if missing, start the sink if stopped; prints its URL and folder
#   scripts/smtp-sink.sh stop     stop it
#   scripts/smtp-sink.sh status   say whether it runs (exit 1 if not)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SINK_DIR="$LOCAL_DIR/smtp-sink"
VENV="$SINK_DIR/venv"
MAILDIR="$SINK_DIR/maildir"
PIDFILE="$SINK_DIR/aiosmtpd.pid"
AIOSMTPD_VERSION="1.4.6"

install_aiosmtpd() {
    if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import aiosmtpd' >/dev/null 2>&1; then
        return
    fi
    # Debian's python3 needs python3-venv (ensurepip) to make a virtual environment.
    if ! /usr/bin/python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
        [ "$(id -u)" -eq 0 ] || die "python3-venv is missing; run as root or apt-get install python3-venv"
        log "installing python3-venv"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    fi
    log "installing aiosmtpd $AIOSMTPD_VERSION into $VENV"
    rm -rf "$VENV"
    mkdir -p "$SINK_DIR"
    /usr/bin/python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION"
}

running() {
    [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

listening() {
    (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_SINK_PORT") 2>/dev/null
}

start_sink() {
    install_aiosmtpd
    mkdir -p "$MAILDIR/new" "$MAILDIR/cur" "$MAILDIR/tmp"
    if ! running; then
        listening && die "port $SMTP_SINK_PORT is taken by another program (set BUDGETAI_SMTP_SINK_PORT)"
        find "$MAILDIR" -type f -delete
        log "starting the SMTP sink on 127.0.0.1:$SMTP_SINK_PORT (Maildir $MAILDIR)"
        # -n: do not switch to the nobody user; Mailbox: one Maildir file per message.
        nohup "$VENV/bin/python" -m aiosmtpd -n -l "127.0.0.1:$SMTP_SINK_PORT" -c aiosmtpd.handlers.Mailbox "$MAILDIR" \
            >"$SINK_DIR/aiosmtpd.log" 2>&1 </dev/null &
        echo $! >"$PIDFILE"
        for _ in $(seq 1 50); do
            listening && break
            running || { cat "$SINK_DIR/aiosmtpd.log" >&2; die "the SMTP sink did not start"; }
            sleep 0.1
        done
        listening || die "the SMTP sink does not answer on port $SMTP_SINK_PORT"
    fi
    echo "SMTP_SINK_URL=smtp://127.0.0.1:$SMTP_SINK_PORT"
    echo "SMTP_SINK_DIR=$MAILDIR"
}

stop_sink() {
    if running; then
        log "stopping the SMTP sink"
        kill "$(cat "$PIDFILE")"
    fi
    rm -f "$PIDFILE"
}

case "${1:-}" in
    start) start_sink ;;
    stop) stop_sink ;;
    status)
        if running && listening; then echo "SMTP sink: running on 127.0.0.1:$SMTP_SINK_PORT, Maildir $MAILDIR"; else echo "SMTP sink: stopped"; exit 1; fi ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
