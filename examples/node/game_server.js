'use strict';
/**
 * A game server on libtronpay: a player orders an in-game item, pays TRX to the deposit address
 * of the order, and the item is granted exactly once, when the payment is final.
 *
 * Chain data is a real mainnet record (examples/data/mainnet/transactions/24f75fe5….json: 799 TRX
 * to TL24LCps5FKwp3PoU1MvrYrwhi5LU1tHre in block 55807728). The game polls three times, as its
 * node would answer a little before, just after and a minute after that block; a fourth poll
 * delivers the same record again, as indexers do. check_payments decides; the game only keeps
 * its inventory and never grants twice.
 *
 * Run from a checkout after `make`: node examples/node/game_server.js
 */
const fs = require('fs');
const path = require('path');
const tronpay = require('../../bindings/node');

const DATA = path.join(__dirname, '..', 'data', 'mainnet', 'transactions');
const record = (txid) => fs.readFileSync(path.join(DATA, `${txid}.json`), 'utf8');

const CATALOGUE = { 'dragon-sword': { name: 'Dragon Sword', priceTrx: '799' } };

class GameServer {
  constructor() {
    this.orders = new Map(); // order id → {player, item, address, dueSun, createdAt, expiresAt}
    this.inventory = new Map(); // player → [item names]
    this.granted = new Set(); // order ids whose item was handed out
  }

  /** A player orders an item; the game shows the deposit address and the exact TRX amount. */
  order(id, player, itemId, depositAddress, nowMs) {
    const item = CATALOGUE[itemId];
    const dueSun = tronpay.toBaseUnits(item.priceTrx, 6); // BigInt, exact
    this.orders.set(id, { player, item: item.name, address: tronpay.addressToBase58(depositAddress),
      dueSun, createdAt: nowMs, expiresAt: nowMs + 30 * 60 * 1000 });
    console.log(`${player} orders ${item.name}: send ${tronpay.fromBaseUnits(dueSun, 6)} TRX to ` +
      `${tronpay.addressToBase58(depositAddress)} (order ${id})`);
  }

  /** One poll: the chain's state and whatever the indexer returned for the deposit addresses. */
  poll(label, chain, evidence) {
    console.log(`\n${label}: head ${chain.head_block}, solidified ${chain.solidified_block}`);
    const verdict = tronpay.checkPayments({
      chain,
      policy: { confirmations: 'solidified', min_amount: '1000' },
      invoices: [...this.orders].map(([id, o]) => ({ id, address: o.address, token: 'TRX',
        amount_due: o.dueSun.toString(), created_at_ms: o.createdAt, expires_at_ms: o.expiresAt })),
      evidence,
    });
    for (const inv of verdict.invoices) {
      const o = this.orders.get(inv.id);
      const got = tronpay.fromBaseUnits(inv.received, 6);
      if (inv.state === 'paid' || inv.state === 'overpaid') {
        this.grant(inv.id, o);
      } else if (inv.state === 'detected') {
        console.log(`  ${inv.id}: ${got} TRX seen, not final yet — ${o.item} stays locked`);
      } else {
        console.log(`  ${inv.id}: ${inv.state}, ${got} TRX received`);
      }
    }
    for (const r of verdict.rejected) {
      console.log(`  ignored ${r.txid.slice(0, 16)}…: ${r.reason}`);
    }
  }

  grant(id, order) {
    if (this.granted.has(id)) { // never twice, whatever the evidence says later
      console.log(`  ${id}: paid, ${order.item} already granted — nothing to do`);
      return;
    }
    this.granted.add(id);
    const items = this.inventory.get(order.player) || [];
    items.push(order.item);
    this.inventory.set(order.player, items);
    console.log(`  ${id}: payment final — ${order.item} granted to ${order.player}`);
  }
}

function main() {
  console.log(`libtronpay ${tronpay.version()} (Node binding, ${tronpay.libraryPath})`);
  const game = new GameServer();
  const payment = record('24f75fe5dfb88cc49ec3847da602009cb8311b0041be19f5b3d1c78a67af672c');
  const block = JSON.parse(payment).blockNumber; // 55807728, stamped 1698054789000

  game.order('order-77', 'alice', 'dragon-sword', 'TL24LCps5FKwp3PoU1MvrYrwhi5LU1tHre',
    1698054600000);
  game.poll('poll 1, before the payment', { head_block: block - 20, solidified_block: block - 39,
    now_ms: 1698054730000 }, []);
  game.poll('poll 2, payment in the newest block', { head_block: block + 1,
    solidified_block: block - 18, now_ms: 1698054792000 }, [payment]);
  game.poll('poll 3, a minute later', { head_block: block + 21, solidified_block: block + 2,
    now_ms: 1698054852000 }, [payment]);
  game.poll('poll 4, the indexer sends the same record again', { head_block: block + 41,
    solidified_block: block + 22, now_ms: 1698054912000 }, [payment, payment]);

  console.log(`\ninventory: ${JSON.stringify(Object.fromEntries(game.inventory))}`);
}

main();
