// Lockerwall lock board: the LWP/1 core (lwp_core.c) on an Arduino Mega 2560 driving up to 16
// lock coils through a ULN2803/MOSFET stage, with one reed-switch door sensor per channel.
// All protocol behaviour lives in lwp_core.c (tested on the host against vectors.json); this file
// only wires pins, the clock and the UART to it.
// Build: arduino-cli compile --fqbn arduino:avr:mega <folder named lockboard containing these files>
#include <avr/wdt.h>

extern "C" {
#include "lwp_core.h"
}

static const char BOARD_ID[] = "A";        // must match boards[].id in the controller config
static const char FIRMWARE[] = "1.0.0";
static const uint8_t COIL_PINS[] = {22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37};
static const uint8_t SENSOR_PINS[] = {38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, A0, A1};
static const uint8_t CHANNELS = sizeof(COIL_PINS);
static const uint16_t DEBOUNCE_MS = 30;

static lwp_board board;
static int8_t coil_on = -1;            // index of the energised coil, -1 for none
static uint32_t coil_off_at;
static bool sensor_state[CHANNELS];    // debounced: true = door open
static uint32_t sensor_since[CHANNELS];

static void write_serial(void *, const char *data, size_t len) { Serial.write((const uint8_t *)data, len); }

static void pulse_coil(void *, uint8_t channel, uint16_t ms, const char *) {
  coil_on = channel - 1;
  coil_off_at = millis() + ms;
  digitalWrite(COIL_PINS[coil_on], HIGH);
}

static void boot_id(char *out) {
  // low bits of a floating analog pin and the boot time differ from one power-up to the next
  uint16_t seed = (uint16_t)(analogRead(A15) ^ (micros() << 4) ^ (analogRead(A14) << 8));
  snprintf(out, 5, "%04X", seed);
}

void setup() {
  wdt_disable();
  for (uint8_t i = 0; i < CHANNELS; i++) {
    pinMode(COIL_PINS[i], OUTPUT);
    digitalWrite(COIL_PINS[i], LOW);
    pinMode(SENSOR_PINS[i], INPUT_PULLUP);  // reed switch to GND: closed door reads LOW
    sensor_state[i] = digitalRead(SENSOR_PINS[i]) == HIGH;
  }
  Serial.begin(115200);
  lwp_io io = {write_serial, pulse_coil, NULL};
  lwp_init(&board, &io, CHANNELS, BOARD_ID, FIRMWARE);
  for (uint8_t i = 0; i < CHANNELS; i++) lwp_set_door(&board, i + 1, sensor_state[i]);
  char id[5];
  boot_id(id);
  lwp_boot(&board, id, millis());
  wdt_enable(WDTO_1S);  // a hung board resets and announces a new boot id
}

void loop() {
  wdt_reset();
  uint32_t now = millis();
  uint8_t buf[32];
  size_t n = 0;
  while (Serial.available() && n < sizeof buf) buf[n++] = (uint8_t)Serial.read();
  if (n) lwp_receive(&board, buf, n, now);

  if (coil_on >= 0 && (int32_t)(now - coil_off_at) >= 0) {
    digitalWrite(COIL_PINS[coil_on], LOW);
    coil_on = -1;
  }

  for (uint8_t i = 0; i < CHANNELS; i++) {
    bool raw = digitalRead(SENSOR_PINS[i]) == HIGH;
    if (raw == sensor_state[i]) {
      sensor_since[i] = now;
    } else if (now - sensor_since[i] >= DEBOUNCE_MS) {
      sensor_state[i] = raw;
      lwp_door_sensor(&board, i + 1, raw, now);
    }
  }
  lwp_poll(&board, now);
}
