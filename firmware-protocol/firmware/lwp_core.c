#include "lwp_core.h"

#include <stdio.h>
#include <string.h>

enum { EV_RESET, EV_OPENED, EV_CLOSED, EV_FORCED };
static const char *const EV_NAMES[] = {"RESET", "opened", "closed", "forced"};

static bool time_reached(uint32_t now, uint32_t t) { return (int32_t)(now - t) >= 0; }

uint16_t lwp_crc16(const uint8_t *data, size_t len) {
  uint16_t crc = 0xFFFF;
  for (size_t i = 0; i < len; i++) {
    crc ^= (uint16_t)data[i] << 8;
    for (int bit = 0; bit < 8; bit++) crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
  }
  return crc;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* seq / channel / pulse: "0" or [1-9][0-9]{0,4}, at most 65535. Returns chars used or 0. */
static size_t parse_num(const char *s, size_t len, uint32_t *out) {
  if (len == 0 || s[0] < '0' || s[0] > '9') return 0;
  if (s[0] == '0') {
    *out = 0;
    return 1;
  }
  size_t n = 0;
  uint32_t v = 0;
  while (n < len && s[n] >= '0' && s[n] <= '9') {
    if (++n > 5) return 0;
    v = v * 10 + (uint32_t)(s[n - 1] - '0');
  }
  if (v > 65535) return 0;
  *out = v;
  return n;
}

static bool is_op_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* the arguments of OPEN: "<channel> op=<op> pulse=<ms>" exactly */
static bool parse_open(const char *a, size_t len, lwp_msg *out) {
  uint32_t v;
  size_t n = parse_num(a, len, &v), i = n;
  if (!n || v < 1 || v > 128) return false;
  out->channel = (uint8_t)v;
  if (len - i < 4 || memcmp(a + i, " op=", 4) != 0) return false;
  i += 4;
  size_t op_len = 0;
  while (i + op_len < len && is_op_char(a[i + op_len])) op_len++;
  if (op_len < 1 || op_len > LWP_OP_MAX) return false;
  memcpy(out->op, a + i, op_len);
  out->op[op_len] = 0;
  i += op_len;
  if (len - i < 7 || memcmp(a + i, " pulse=", 7) != 0) return false;
  i += 7;
  n = parse_num(a + i, len - i, &v);
  if (!n || v < 1) return false;
  out->pulse_ms = (uint16_t)v;
  i += n;
  if (len - i < 6 || memcmp(a + i, " boot=", 6) != 0) return false;
  i += 6;
  size_t boot_len = len - i;
  if (boot_len < 1 || boot_len > 8) return false;
  for (size_t k = 0; k < boot_len; k++)
    if (hexval(a[i + k]) < 0) return false;
  memcpy(out->boot, a + i, boot_len);
  out->boot[boot_len] = 0;
  return true;
}

lwp_status lwp_parse_line(const char *line, size_t len, lwp_msg *out) {
  memset(out, 0, sizeof *out);
  out->seq = -1;
  if (len > 0 && line[len - 1] == '\r') len--;
  if (len == 0) return LWP_IGNORED;
  if (len + 1 > LWP_MAX_LINE) return LWP_E_TOOLONG;
  for (size_t i = 0; i < len; i++)
    if ((uint8_t)line[i] < 0x20 || (uint8_t)line[i] > 0x7E) return LWP_E_BADCHAR;
  size_t star = len;
  while (star > 0 && line[star - 1] != '*') star--;
  if (star == 0 || len - star != 4) return LWP_E_BADCRC;
  star--; /* index of '*' */
  uint16_t crc = 0;
  for (int i = 1; i <= 4; i++) {
    int h = hexval(line[star + i]);
    if (h < 0) return LWP_E_BADCRC;
    crc = (uint16_t)(crc << 4 | h);
  }
  if (lwp_crc16((const uint8_t *)line, star) != crc) return LWP_E_BADCRC;

  const char *b = line;
  size_t blen = star;
  if (b[0] == 'R' || b[0] == 'E') return LWP_IGNORED; /* a board never acts on replies or events */
  uint32_t seq;
  size_t n = parse_num(b + 1, blen - 1, &seq);
  if (b[0] == 'A') {
    if (!n || 1 + n != blen) return LWP_E_BADSYNTAX;
    out->kind = LWP_ACK;
    out->seq = (int32_t)seq;
    return LWP_OK;
  }
  if (b[0] != 'C' || !n || 1 + n >= blen || b[1 + n] != ' ') return LWP_E_BADSYNTAX;
  size_t v = 2 + n, vlen = 0;
  while (v + vlen < blen && b[v + vlen] >= 'A' && b[v + vlen] <= 'Z') vlen++;
  if (vlen == 0 || (v + vlen < blen && b[v + vlen] != ' ')) return LWP_E_BADSYNTAX;
  out->seq = (int32_t)seq;
  bool has_args = v + vlen < blen;
  const char *args = b + v + vlen + (has_args ? 1 : 0);
  size_t alen = has_args ? blen - (v + vlen + 1) : 0;
  const char *verb = b + v;
#define VERB_IS(s) (vlen == sizeof(s) - 1 && memcmp(verb, s, vlen) == 0)
  if (VERB_IS("PING") || VERB_IS("STATUS")) {
    if (has_args) return LWP_E_BADSYNTAX;
    out->kind = VERB_IS("PING") ? LWP_CMD_PING : LWP_CMD_STATUS;
    return LWP_OK;
  }
  if (VERB_IS("HELLO")) {
    if (alen < 5 || alen > 7 || memcmp(args, "LWP/", 4) != 0) return LWP_E_BADSYNTAX;
    for (size_t i = 4; i < alen; i++)
      if (args[i] < '0' || args[i] > '9') return LWP_E_BADSYNTAX;
    out->kind = LWP_CMD_HELLO;
    memcpy(out->version, args, alen);
    out->version[alen] = 0;
    return LWP_OK;
  }
  if (VERB_IS("OPEN")) {
    out->kind = LWP_CMD_OPEN;
    return has_args && parse_open(args, alen, out) ? LWP_OK : LWP_E_BADSYNTAX;
  }
#undef VERB_IS
  return LWP_E_UNKNOWN;
}

/* ---- sending ---------------------------------------------------------------------------------- */

static void send_body(lwp_board *b, const char *body) {
  char line[LWP_MAX_LINE + 8];
  size_t len = strlen(body);
  if (len + 6 > LWP_MAX_LINE) return; /* cannot happen with the formats below */
  memcpy(line, body, len);
  snprintf(line + len, sizeof line - len, "*%04X\n", lwp_crc16((const uint8_t *)body, len));
  b->io.write(b->io.ctx, line, len + 6);
}

static void reply(lwp_board *b, int32_t seq, const char *text) {
  char body[LWP_MAX_LINE];
  if (seq < 0) snprintf(body, sizeof body, "R? %s", text);
  else snprintf(body, sizeof body, "R%ld %s", (long)seq, text);
  send_body(b, body);
}

static void identity(const lwp_board *b, char *out, size_t size) {
  snprintf(out, size, "LWP/1 fw=%s ch=%u board=%s boot=%s", b->firmware, (unsigned)b->channels, b->board_id, b->boot_id);
}

static void send_event(lwp_board *b, int i) {
  char body[LWP_MAX_LINE], id[LWP_MAX_LINE - 16];
  if (b->events[i].kind == EV_RESET) {
    identity(b, id, sizeof id);
    snprintf(body, sizeof body, "E%u RESET %s", (unsigned)b->events[i].seq, id);
  } else {
    snprintf(body, sizeof body, "E%u DOOR %u %s", (unsigned)b->events[i].seq, (unsigned)b->events[i].channel, EV_NAMES[b->events[i].kind]);
  }
  send_body(b, body);
}

static void raise_event(lwp_board *b, uint8_t kind, uint8_t channel) {
  if (b->event_count == LWP_MAX_EVENTS) { /* the oldest goes: the controller's STATUS re-read covers it */
    memmove(&b->events[0], &b->events[1], sizeof b->events[0] * (LWP_MAX_EVENTS - 1));
    b->event_count--;
  }
  int i = b->event_count++;
  b->events[i].seq = b->next_event_seq;
  b->events[i].kind = kind;
  b->events[i].channel = channel;
  b->next_event_seq = b->next_event_seq >= 65535 ? 1 : b->next_event_seq + 1;
  b->last_resend = b->now;
  send_event(b, i);
}

static bool door_is_open(const lwp_board *b, uint8_t ch) { return (b->door_open[(ch - 1) / 8] >> ((ch - 1) % 8)) & 1; }

static void hex_mask(const lwp_board *b, bool locked, char *out) {
  int digits = b->channels ? (b->channels + 3) / 4 : 1;
  for (int d = digits - 1, o = 0; d >= 0; d--, o++) {
    int v = 0;
    for (int bit = 0; bit < 4; bit++) {
      int ch = d * 4 + bit + 1;
      if (ch > b->channels) continue;
      bool open = door_is_open(b, (uint8_t)ch);
      /* a latch cannot engage while its door is open or its coil is energised */
      bool on = locked ? !open && !(lwp_is_pulsing(b, b->now) && b->pulsing_channel == ch) : open;
      if (on) v |= 1 << bit;
    }
    out[o] = "0123456789ABCDEF"[v];
    out[o + 1] = 0;
  }
}

/* ---- commands --------------------------------------------------------------------------------- */

static void do_open(lwp_board *b, const lwp_msg *m) {
  char text[LWP_MAX_LINE];
  /* a controller that has not seen this boot may be resending an OPEN the old boot executed */
  if (strcmp(m->boot, b->boot_id) != 0) {
    snprintf(text, sizeof text, "ERR BOOT %s", b->boot_id);
    return reply(b, m->seq, text);
  }
  for (int i = 0; i < b->op_count; i++) {
    if (strcmp(b->ops[i].op, m->op) != 0) continue;
    if (b->ops[i].channel == m->channel) {
      snprintf(text, sizeof text, "OPENED %u op=%s dup", (unsigned)m->channel, m->op);
    } else {
      snprintf(text, sizeof text, "ERR OPREUSE op was for channel %u", (unsigned)b->ops[i].channel);
    }
    reply(b, m->seq, text);
    return;
  }
  if (m->channel > b->channels) return reply(b, m->seq, "ERR BADCHAN");
  if (m->pulse_ms < LWP_MIN_PULSE_MS || m->pulse_ms > LWP_MAX_PULSE_MS) return reply(b, m->seq, "ERR BADARG pulse");
  /* one coil at a time: the lock supply is sized for a single solenoid */
  if (lwp_is_pulsing(b, b->now)) return reply(b, m->seq, "ERR BUSY");
  b->pulsing = true;
  b->pulsing_channel = m->channel;
  b->pulse_until = b->now + m->pulse_ms;
  b->armed_until[m->channel - 1] = b->pulse_until + LWP_OPENED_GRACE_MS;
  int slot = b->op_count < LWP_OP_MEMORY ? b->op_count++ : b->op_next;
  if (b->op_count == LWP_OP_MEMORY) b->op_next = (uint8_t)((slot + 1) % LWP_OP_MEMORY);
  strcpy(b->ops[slot].op, m->op);
  b->ops[slot].channel = m->channel;
  b->io.pulse(b->io.ctx, m->channel, m->pulse_ms, m->op);
  snprintf(text, sizeof text, "OPENED %u op=%s", (unsigned)m->channel, m->op);
  reply(b, m->seq, text);
}

static void dispatch(lwp_board *b, const lwp_msg *m) {
  char text[LWP_MAX_LINE];
  switch (m->kind) {
    case LWP_ACK:
      for (int i = 0; i < b->event_count; i++) {
        if (b->events[i].seq != (uint16_t)m->seq) continue;
        memmove(&b->events[i], &b->events[i + 1], sizeof b->events[0] * (size_t)(b->event_count - i - 1));
        b->event_count--;
        break;
      }
      return;
    case LWP_CMD_HELLO:
      if (strcmp(m->version, "LWP/1") != 0) return reply(b, m->seq, "ERR VERSION LWP/1");
      strcpy(text, "HELLO ");
      identity(b, text + 6, sizeof text - 6);
      return reply(b, m->seq, text);
    case LWP_CMD_PING:
      return reply(b, m->seq, "PONG");
    case LWP_CMD_STATUS: {
      char locked[40], open[40];
      hex_mask(b, true, locked);
      hex_mask(b, false, open);
      snprintf(text, sizeof text, "STATUS ch=%u locked=%s open=%s", (unsigned)b->channels, locked, open);
      return reply(b, m->seq, text);
    }
    case LWP_CMD_OPEN:
      return do_open(b, m);
  }
}

static void handle_line(lwp_board *b) {
  lwp_msg m;
  lwp_status st = lwp_parse_line(b->rx, b->rx_len, &m);
  switch (st) {
    case LWP_OK: return dispatch(b, &m);
    case LWP_IGNORED: return;
    case LWP_E_TOOLONG: return reply(b, -1, "ERR TOOLONG");
    case LWP_E_BADCRC:
    case LWP_E_BADCHAR: return reply(b, -1, "ERR BADCRC");
    case LWP_E_BADSYNTAX: return reply(b, m.seq, "ERR BADSYNTAX");
    case LWP_E_UNKNOWN: return reply(b, m.seq, "ERR UNKNOWN");
  }
}

/* ---- public ----------------------------------------------------------------------------------- */

void lwp_init(lwp_board *b, const lwp_io *io, uint8_t channels, const char *board_id, const char *firmware) {
  memset(b, 0, sizeof *b);
  b->io = *io;
  b->channels = channels > LWP_MAX_CHANNELS ? LWP_MAX_CHANNELS : channels;
  b->board_id = board_id;
  b->firmware = firmware;
}

void lwp_boot(lwp_board *b, const char *boot_id, uint32_t now) {
  b->now = now;
  snprintf(b->boot_id, sizeof b->boot_id, "%s", boot_id);
  b->rx_len = 0;
  b->discarding = false;
  b->op_count = b->op_next = 0;
  b->event_count = 0;
  b->next_event_seq = 1;
  b->pulsing = false;
  memset(b->armed_until, 0, sizeof b->armed_until);
  raise_event(b, EV_RESET, 0);
}

void lwp_receive(lwp_board *b, const uint8_t *data, size_t len, uint32_t now) {
  b->now = now;
  for (size_t i = 0; i < len; i++) {
    uint8_t c = data[i];
    if (c == '\n') {
      if (b->discarding) reply(b, -1, "ERR TOOLONG");
      else handle_line(b);
      b->rx_len = 0;
      b->discarding = false;
    } else if (b->discarding) {
      continue;
    } else if (b->rx_len >= LWP_MAX_LINE) {
      b->discarding = true; /* 128 bytes without LF can never become a valid line */
    } else {
      b->rx[b->rx_len++] = (char)c;
    }
  }
}

bool lwp_is_pulsing(const lwp_board *b, uint32_t now) { return b->pulsing && !time_reached(now, b->pulse_until); }

void lwp_poll(lwp_board *b, uint32_t now) {
  b->now = now;
  if (b->pulsing && time_reached(now, b->pulse_until)) b->pulsing = false;
  if (b->event_count && now - b->last_resend >= LWP_EVENT_RESEND_MS) {
    b->last_resend = now;
    for (int i = 0; i < b->event_count; i++) send_event(b, i);
  }
}

void lwp_set_door(lwp_board *b, uint8_t channel, bool open) {
  if (channel < 1 || channel > b->channels) return;
  uint8_t bit = (uint8_t)(1u << ((channel - 1) % 8));
  if (open) b->door_open[(channel - 1) / 8] |= bit;
  else b->door_open[(channel - 1) / 8] &= (uint8_t)~bit;
}

void lwp_door_sensor(lwp_board *b, uint8_t channel, bool open, uint32_t now) {
  b->now = now;
  if (channel < 1 || channel > b->channels || door_is_open(b, channel) == open) return;
  lwp_set_door(b, channel, open);
  uint8_t kind = !open ? EV_CLOSED
                       : (b->armed_until[channel - 1] && !time_reached(now, b->armed_until[channel - 1] + 1)) ? EV_OPENED
                                                                                                               : EV_FORCED;
  raise_event(b, kind, channel);
}
