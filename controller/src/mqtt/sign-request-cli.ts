import { parseArgs } from 'node:util';
import { buildSignedRequest } from './signed-request.ts';

/**
 * Prints one signed MQTT request as JSON, for installers, scripts and bridges (Node-RED, Home
 * Assistant shell_command). The key comes from the environment so it stays out of shell history.
 *
 *   LOCKERWALL_MQTT_KEY=… node --import tsx controller/src/mqtt/sign-request-cli.ts open 12 --wall wall-1 \
 *     | mosquitto_pub -h broker -t lockerwall/wall-1/request/open -s
 */
function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { wall: { type: 'string', default: 'wall-1' }, ttl: { type: 'string', default: '20' }, transaction: { type: 'string' } },
  });
  const [name, door] = positionals;
  const key = process.env.LOCKERWALL_MQTT_KEY ?? '';
  if ((name !== 'open' && name !== 'identify') || !door) {
    process.stderr.write('usage: LOCKERWALL_MQTT_KEY=<key> sign-request-cli.ts <open|identify> <door> [--wall wall-1] [--ttl 20] [--transaction id]\n');
    return 2;
  }
  if (!key) {
    process.stderr.write('Set LOCKERWALL_MQTT_KEY to the wall\'s mqtt.remoteCommands.key.\n');
    return 2;
  }
  const request = buildSignedRequest({ name, door, wallId: values.wall!, key, nowSeconds: Date.now() / 1000, ttlSeconds: Number(values.ttl), transaction: values.transaction });
  process.stdout.write(`${JSON.stringify(request)}\n`);
  return 0;
}

process.exitCode = main();
