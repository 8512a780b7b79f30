<?php
// Transfers and payment verdicts on real mainnet records.

declare(strict_types=1);

use TronPay\TronPay;
use TronPay\TronPayException;

return function (Harness $t, TronPay $tp): void {
    $cases = array_column(load_json('Tests/vectors/mainnet.json')['cases'], null, 'name');
    $ok = $cases['usdt_transfer_success_41_padded_recipient'];
    $failed = $cases['usdt_transfer_FAILED_out_of_energy'];
    $trx = $cases['trx_transfer_with_fee_limit'];

    $t->run('a real USDT receipt gives its Transfer log', function (Harness $t) use ($tp, $ok) {
        $transfers = $tp->parseTransfers(json_encode($ok['gettransactioninfobyid']), $skipped);
        $e = $ok['expected']['transfer_event'];
        $t->same(1, count($transfers), 'one transfer');
        $t->same([], $skipped, 'nothing skipped');
        $x = $transfers[0];
        $t->same([$ok['expected']['txID'], $e['token_contract_base58'], $e['from_base58'], $e['to_base58'],
            (string) $e['amount'], true, $ok['expected']['block_number']],
            [$x['txid'], $x['token'], $x['from'], $x['to'], $x['amount'], $x['success'], $x['block']], 'fields');
        $t->same($transfers, $tp->parseTransfers($ok['gettransactioninfobyid']), 'array input');
    });

    $t->run('a TRX transaction and a failed transfer', function (Harness $t) use ($tp, $trx, $failed) {
        [$x] = $tp->parseTransfers($trx['trongrid_v1_account_transaction']);
        $t->same(['TRX', '799000000', $trx['expected']['to_base58']], [$x['token'], $x['amount'], $x['to']], 'trx');
        foreach ($tp->parseTransfers($failed['gettransactioninfobyid']) as $f) {
            $t->same(false, $f['success'], 'failed');
        }
        foreach (['', '{', '{"a":1,"a":2}', '[1,]'] as $bad) {
            $t->throws(TronPayException::class, fn () => $tp->parseTransfers($bad), TronPay::E_JSON, $bad);
        }
    });

    $invoice = fn (array $extra = []) => $extra + ['id' => 'order-1', 'address' => $ok['expected']['transfer_event']['to_base58'],
        'token' => 'USDT', 'amount_due' => '41677389', 'created_at_ms' => 1738601000000,
        'expires_at_ms' => 1738604600000, 'tolerance_bps' => 0];
    $request = fn (array $invoices, array $evidence, int $solidified = 69316600) => ['chain' => [
        'head_block' => 69316620, 'solidified_block' => $solidified, 'now_ms' => 1738601600000],
        'invoices' => $invoices, 'evidence' => $evidence];

    $t->run('a real payment: paid once final, detected before; duplicates count once',
        function (Harness $t) use ($tp, $ok, $invoice, $request) {
            $paid = $tp->checkPayments($request([$invoice()], [$ok['gettransactioninfobyid']]));
            $t->same('paid', $paid['invoices'][0]['state'], 'paid');
            $t->same('41677389', $paid['invoices'][0]['received_final'], 'received_final');
            $early = $tp->checkPayments($request([$invoice()], [$ok['gettransactioninfobyid']], 69316500));
            $t->same('detected', $early['invoices'][0]['state'], 'detected');
            $text = json_encode($ok['gettransactioninfobyid']);
            $twice = $tp->checkPayments($request([$invoice()], [$text, $text]));
            $t->same('41677389', $twice['invoices'][0]['received'], 'counted once');
            $t->same(['duplicate'], array_column($twice['rejected'], 'reason'), 'duplicate');
            $t->throws(TronPayException::class, fn () => $tp->checkPayments($request([$invoice(['tolerance_bps' => 5001])],
                [])), TronPay::E_JSON, 'tolerance');
        });
};
