/*
 * Host harness for lwp_core: reads commands on stdin, prints results on stdout, so the TS test can
 * check the C core against vectors.json. Every line argument is hex-encoded.
 *   crc HEX            -> crc XXXX
 *   parse HEX          -> command seq=.. verb=.. | ack seq=.. | ignored | error=<kind> [seq=..]
 *   session CH ID FW   -> starts a board (no output)
 *   boot BOOTID | > HEX | tick MS | close CH | force CH  -> "< LINE" per line sent, "pulse CH OP" per pulse
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lwp_core.h"

static lwp_board board;
static uint32_t now;
static char out[4096];
static size_t out_len;
static int swing;

static void on_write(void *ctx, const char *data, size_t len) {
  (void)ctx;
  for (size_t i = 0; i < len; i++) {
    if (data[i] == '\n') {
      printf("< %.*s\n", (int)out_len, out);
      out_len = 0;
    } else if (out_len < sizeof out) {
      out[out_len++] = data[i];
    }
  }
}

static void on_pulse(void *ctx, uint8_t channel, uint16_t ms, const char *op) {
  (void)ctx;
  (void)ms;
  printf("pulse %u %s\n", (unsigned)channel, op);
  swing = channel; /* the door swings open once the latch lets go */
}

static size_t unhex(const char *hex, char *buf, size_t size) {
  size_t n = 0;
  while (hex[0] && hex[1] && n < size) {
    unsigned v;
    if (sscanf(hex, "%2x", &v) != 1) break;
    buf[n++] = (char)v;
    hex += 2;
  }
  return n;
}

static const char *const ERRORS[] = {"ok", "ignored", "too-long", "bad-crc", "bad-char", "bad-syntax", "unknown-verb"};

int main(void) {
  static char cmd[4096];
  static char buf[2048];
  static char name[64], fw[64];
  lwp_io io = {on_write, on_pulse, NULL};
  while (fgets(cmd, sizeof cmd, stdin)) {
    cmd[strcspn(cmd, "\r\n")] = 0;
    char *arg = strchr(cmd, ' ');
    arg = arg ? arg + 1 : cmd + strlen(cmd);
    if (strncmp(cmd, "crc ", 4) == 0) {
      size_t n = unhex(arg, buf, sizeof buf);
      printf("crc %04X\n", lwp_crc16((const uint8_t *)buf, n));
    } else if (strncmp(cmd, "parse ", 6) == 0 || strcmp(cmd, "parse") == 0) {
      size_t n = unhex(arg, buf, sizeof buf);
      lwp_msg m;
      lwp_status st = lwp_parse_line(buf, n, &m);
      if (st == LWP_IGNORED) printf("ignored\n");
      else if (st != LWP_OK) {
        printf("error=%s", ERRORS[st]);
        if (m.seq >= 0) printf(" seq=%ld", (long)m.seq);
        printf("\n");
      } else if (m.kind == LWP_ACK) printf("ack seq=%ld\n", (long)m.seq);
      else if (m.kind == LWP_CMD_HELLO) printf("command seq=%ld verb=HELLO version=%s\n", (long)m.seq, m.version);
      else if (m.kind == LWP_CMD_PING) printf("command seq=%ld verb=PING\n", (long)m.seq);
      else if (m.kind == LWP_CMD_STATUS) printf("command seq=%ld verb=STATUS\n", (long)m.seq);
      else
        printf("command seq=%ld verb=OPEN channel=%u op=%s pulse=%u boot=%s\n", (long)m.seq, (unsigned)m.channel, m.op, (unsigned)m.pulse_ms, m.boot);
    } else if (strncmp(cmd, "session ", 8) == 0) {
      unsigned ch;
      if (sscanf(arg, "%u %63s %63s", &ch, name, fw) != 3) return 2;
      lwp_init(&board, &io, (uint8_t)ch, name, fw);
      now = 0;
    } else if (strncmp(cmd, "boot ", 5) == 0) {
      lwp_boot(&board, arg, now);
    } else if (strncmp(cmd, "> ", 2) == 0 || strcmp(cmd, ">") == 0) {
      size_t n = unhex(arg, buf, sizeof buf - 1);
      buf[n++] = '\n';
      swing = 0;
      lwp_receive(&board, (const uint8_t *)buf, n, now);
      if (swing) lwp_door_sensor(&board, (uint8_t)swing, true, now);
    } else if (strncmp(cmd, "tick ", 5) == 0) {
      now += (uint32_t)strtoul(arg, NULL, 10);
      lwp_poll(&board, now);
    } else if (strncmp(cmd, "close ", 6) == 0) {
      lwp_door_sensor(&board, (uint8_t)atoi(arg), false, now);
    } else if (strncmp(cmd, "force ", 6) == 0) {
      lwp_door_sensor(&board, (uint8_t)atoi(arg), true, now);
    } else if (strcmp(cmd, "end") == 0) {
      printf("end\n");
    } else {
      fprintf(stderr, "unknown harness command: %s\n", cmd);
      return 2;
    }
  }
  return 0;
}
