<?php
// Transactions against Tests/vectors/transactions.json and real mainnet records.

declare(strict_types=1);

use TronPay\TronPay;
use TronPay\TronPayException;

return function (Harness $t, TronPay $tp): void {
    $txs = load_json('Tests/vectors/transactions.json');
    $mainnet = load_json('Tests/vectors/mainnet.json');
    $wc = $txs['transactions'][0];
    $ref = $txs['block_reference'][0];
    $node = fn (array $c) => ['txID' => $c['txID'], 'raw_data' => $c['raw_data'],
        'raw_data_hex' => $c['raw_data_hex'], 'signature' => $c['signature'], 'visible' => false];

    $t->run('a TRX transfer is built, signed and serialised byte-exact', function (Harness $t) use ($tp, $wc, $ref) {
        $v = $wc['raw_data']['contract'][0]['parameter']['value'];
        $raw = $tp->buildTransfer($v['owner_address'], $v['to_address'], $v['amount'], [
            'ref_block_id' => hex2bin($ref['block_id']), 'timestamp_ms' => $wc['raw_data']['timestamp'],
            'expiration_ms' => $wc['raw_data']['expiration']]);
        $t->same($wc['raw_data_hex'], bin2hex($raw), 'raw_data');
        $t->same($wc['txID'], bin2hex($tp->transactionId($raw)), 'txID');
        $sig = $tp->signTransaction($raw, hex2bin($wc['private_key']));
        $t->same($wc['signature'][0], bin2hex($sig), 'signature');
        $json = json_decode($tp->transactionToJson($raw, [$sig]), true);
        $t->same($wc['txID'], $json['txID'], 'json txID');
        $t->same(['raw' => $raw, 'signatures' => [$sig]], $tp->transactionFromJson($json), 'round trip');
    });

    $t->run('the synthetic USDT transfer', function (Harness $t) use ($tp, $txs) {
        $c = current(array_filter($txs['transactions'], fn ($x) => str_starts_with($x['name'], 'SYNTHETIC USDT')));
        $rd = $c['raw_data'];
        $v = $rd['contract'][0]['parameter']['value'];
        $data = hex2bin($v['data']);
        $options = ['ref_block_id' => str_repeat("\0", 6) . hex2bin($rd['ref_block_bytes'])
            . hex2bin($rd['ref_block_hash']) . str_repeat("\0", 16), 'timestamp_ms' => $rd['timestamp'] ?? 0,
            'expiration_ms' => $rd['expiration'], 'fee_limit_sun' => $rd['fee_limit']];
        $amount = (string) hexdec(bin2hex(substr($data, 36, 32)));
        $raw = $tp->buildTrc20Transfer($v['owner_address'], $v['contract_address'], "\x41" . substr($data, 16, 20),
            $amount, $options);
        $t->same($c['raw_data_hex'], bin2hex($raw), 'trc20 raw');
        $t->same($c['signature'][0], bin2hex($tp->signTransaction($raw, hex2bin($c['private_key']))), 'trc20 sig');
        $t->same($raw, $tp->buildTrigger($v['owner_address'], $v['contract_address'], 0, $data, $options), 'trigger');
    });

    $t->run('vectors and real mainnet transactions verify', function (Harness $t) use ($tp, $txs, $mainnet, $node) {
        foreach ($txs['transactions'] as $c) {
            if (!isset($c['raw_data']) || count($c['signature']) !== 1) {
                continue;
            }
            $r = $tp->verifyTransaction($node($c));
            $t->same($c['signature_recovers_to'], $r['signers'], $c['name']);
            $t->same(in_array($r['owner'], $c['signature_recovers_to'], true), $r['valid'], $c['name']);
        }
        foreach ($mainnet['cases'] as $c) {
            $r = $tp->verifyTransaction(json_encode($c['trongrid_v1_account_transaction']));
            $t->same(true, $r['valid'], $c['name']);
            $t->same($c['expected']['signer_base58'], $r['owner'], $c['name']);
        }
    });

    $t->run('tampering and expiry are reported; arguments are checked', function (Harness $t) use ($tp, $wc, $ref, $node) {
        $n = $node($wc);
        $n['raw_data']['contract'][0]['parameter']['value']['amount'] = 2000001;
        $r = $tp->verifyTransaction($n);
        $t->same(false, $r['valid'], 'tampered');
        $t->same(false, $r['raw_data_matches'], 'raw_data_matches');
        $t->throws(TronPayException::class, fn () => $tp->transactionFromJson($n), TronPay::E_TX, 'from json');
        $t->same(true, $tp->verifyTransaction($node($wc), $wc['raw_data']['expiration'] + 1)['expired'], 'expired');
        $v = $wc['raw_data']['contract'][0]['parameter']['value'];
        $opts = ['ref_block_id' => hex2bin($ref['block_id']), 'expiration_ms' => 1539331479000];
        $t->throws(TronPayException::class, fn () => $tp->buildTransfer($v['owner_address'], $v['to_address'], 0, $opts),
            TronPay::E_AMOUNT, 'zero');
        $t->throws(TronPayException::class,
            fn () => $tp->buildTransfer($v['owner_address'], $v['owner_address'], 1, $opts), TronPay::E_TX, 'self');
        $t->throws(TronPayException::class, fn () => $tp->buildTransfer($v['owner_address'], $v['to_address'], 1,
            ['ref_block_id' => str_repeat("\0", 31), 'expiration_ms' => 1]), TronPay::E_ARG, 'short ref');
        $t->throws(TronPayException::class, fn () => $tp->buildTransfer($v['owner_address'], $v['to_address'], 1,
            $opts + ['fee_limt_sun' => 1]), TronPay::E_ARG, 'misspelt option');
        $t->throws(TronPayException::class, fn () => $tp->transactionId("\xff\xff"), TronPay::E_TX, 'txid');
    });

    $t->run('serialize gives the /wallet/broadcasthex bytes', function (Harness $t) use ($tp, $txs) {
        $c = current(array_filter($txs['transactions'], fn ($x) => isset($x['transaction_protobuf_hex'])));
        $t->same($c['transaction_protobuf_hex'], bin2hex($tp->serializeTransaction(hex2bin($c['raw_data_hex']),
            array_map('hex2bin', $c['signature']))), 'protobuf');
        $t->throws(TronPayException::class, fn () => $tp->serializeTransaction("\xff\xff"), TronPay::E_TX, 'bad raw');
    });
};
