/*
 * LWP/1 board core (firmware-protocol/PROTOCOL.md): CRC, line parsing, command dispatch with the
 * op-id table, door events with resend. Portable C99, no Arduino headers: the sketch (and the host
 * test harness) supply the wire, the coil driver and the clock.
 */
#ifndef LWP_CORE_H
#define LWP_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LWP_MAX_LINE 128       /* bytes on the wire, LF included */
#define LWP_OP_MEMORY 16       /* OPENs remembered for at-most-once execution */
#define LWP_MAX_EVENTS 16      /* unacknowledged door events kept for resend */
#ifndef LWP_MAX_CHANNELS
#define LWP_MAX_CHANNELS 128
#endif
#define LWP_OP_MAX 32
#define LWP_MIN_PULSE_MS 20
#define LWP_MAX_PULSE_MS 5000
#define LWP_OPENED_GRACE_MS 2000
#define LWP_EVENT_RESEND_MS 1000

typedef enum {
  LWP_OK = 0,
  LWP_IGNORED,      /* empty line, or a reply/event (an echo): no answer */
  LWP_E_TOOLONG,
  LWP_E_BADCRC,
  LWP_E_BADCHAR,
  LWP_E_BADSYNTAX,
  LWP_E_UNKNOWN
} lwp_status;

typedef enum { LWP_CMD_HELLO, LWP_CMD_PING, LWP_CMD_STATUS, LWP_CMD_OPEN, LWP_ACK } lwp_kind;

typedef struct {
  lwp_kind kind;
  int32_t seq;              /* -1 when it could not be read */
  char version[8];          /* HELLO */
  uint8_t channel;          /* OPEN */
  char op[LWP_OP_MAX + 1];  /* OPEN */
  uint16_t pulse_ms;        /* OPEN */
  char boot[9];             /* OPEN: the boot the controller handshook with */
} lwp_msg;

typedef struct {
  /* sends bytes to the controller */
  void (*write)(void *ctx, const char *data, size_t len);
  /* energises one lock coil for ms (the caller ends the pulse); op is for logs */
  void (*pulse)(void *ctx, uint8_t channel, uint16_t ms, const char *op);
  void *ctx;
} lwp_io;

typedef struct {
  lwp_io io;
  uint8_t channels;
  const char *board_id;
  const char *firmware;
  char boot_id[9];
  char rx[LWP_MAX_LINE];
  uint8_t rx_len;
  bool discarding;
  struct { char op[LWP_OP_MAX + 1]; uint8_t channel; } ops[LWP_OP_MEMORY];
  uint8_t op_count;
  uint8_t op_next;
  struct { uint16_t seq; uint8_t kind; uint8_t channel; } events[LWP_MAX_EVENTS];
  uint8_t event_count;
  uint16_t next_event_seq;
  uint32_t last_resend;
  uint32_t pulse_until;
  bool pulsing;
  uint8_t pulsing_channel;
  uint8_t door_open[(LWP_MAX_CHANNELS + 7) / 8];
  uint32_t armed_until[LWP_MAX_CHANNELS];
  uint32_t now;
} lwp_board;

uint16_t lwp_crc16(const uint8_t *data, size_t len);

/* Parses one line without its LF (a trailing CR is tolerated). */
lwp_status lwp_parse_line(const char *line, size_t len, lwp_msg *out);

void lwp_init(lwp_board *b, const lwp_io *io, uint8_t channels, const char *board_id, const char *firmware);
/* Power-up: forgets op ids and events, announces RESET with this boot id (1-8 uppercase hex). */
void lwp_boot(lwp_board *b, const char *boot_id, uint32_t now);
/* Bytes from the controller, in any chunking. */
void lwp_receive(lwp_board *b, const uint8_t *data, size_t len, uint32_t now);
/* Call from loop(): ends pulses, resends unacknowledged events. */
void lwp_poll(lwp_board *b, uint32_t now);
/* The door state found at power-up, before lwp_boot: no event. */
void lwp_set_door(lwp_board *b, uint8_t channel, bool open);
/* The (debounced) door sensor of a channel changed. */
void lwp_door_sensor(lwp_board *b, uint8_t channel, bool open, uint32_t now);
bool lwp_is_pulsing(const lwp_board *b, uint32_t now);

#endif
