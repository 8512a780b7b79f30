<?php
// The Library section, and that the class covers the whole header.

declare(strict_types=1);

use TronPay\TronPay;
use TronPay\TronPayException;

return function (Harness $t, TronPay $tp): void {
    $t->run('every header function has a method', function (Harness $t) {
        $bound = array_keys(TronPay::BINDINGS);
        sort($bound);
        $t->same(header_functions(), $bound, 'BINDINGS keys');
        foreach (TronPay::BINDINGS as $c => $method) {
            if ($c !== 'tronpay_free') {
                // "Engine::health": a method of another class of the binding.
                [$class, $name] = str_contains($method, '::') ? explode('::', $method, 2)
                    : ['TronPay', $method];
                $t->ok(method_exists("TronPay\\$class", $name), "$c → $method");
            }
        }
    });

    $t->run('new TronPay() loads as TronPay::load() does', function (Harness $t) use ($tp) {
        $direct = new TronPay();
        $t->same($tp->libraryPath, $direct->libraryPath, 'same library');
        $t->same($tp->version(), $direct->version(), 'same version');
        $t->throws(RuntimeException::class, fn () => new TronPay('/nonexistent/libtronpay.so.1'), null,
            'missing library');
    });

    $t->run('version, ABI and sizes match the header', function (Harness $t) use ($tp) {
        $d = header_defines();
        $t->same("{$d['TRONPAY_VERSION_MAJOR']}.{$d['TRONPAY_VERSION_MINOR']}.{$d['TRONPAY_VERSION_PATCH']}",
            $tp->version(), 'version');
        $t->same($d['TRONPAY_ABI_VERSION'], $tp->abiVersion(), 'abi');
        $t->same($d['TRONPAY_ABI_VERSION'], TronPay::ABI_VERSION, 'ABI_VERSION');
        foreach ($tp->sizes() as $name => $size) {
            $t->same($d['TRONPAY_' . strtoupper($name) . '_SIZE'], $size, $name);
        }
        $t->same(10, count($tp->sizes()), 'ten sizes');
    });

    $t->run('status names and constants match the header', function (Harness $t) use ($tp) {
        $codes = array_filter(header_defines(), fn ($k) => $k === 'TRONPAY_OK' || str_starts_with($k, 'TRONPAY_E_'),
            ARRAY_FILTER_USE_KEY);
        $t->same(21, count($codes), 'twenty-one codes');
        foreach ($codes as $name => $code) {
            $t->same($name, $tp->statusName($code), "name of $code");
            $t->same($code, constant(TronPay::class . '::' . substr($name, strlen('TRONPAY_'))), $name);
        }
        $t->same('unknown status', $tp->statusName(-999), 'unknown');
    });

    $t->run('a failure throws TronPayException with status, name and detail', function (Harness $t) use ($tp) {
        try {
            $tp->parseAddress('TSvT6Bg3siokv3dbdtt9o4oM1CTXmymGn2');
            $t->ok(false, 'no exception');
        } catch (TronPayException $e) {
            $t->same(TronPay::E_ADDRESS, $e->status, 'status');
            $t->same(TronPay::E_ADDRESS, $e->getCode(), 'getCode');
            $t->same('TRONPAY_E_ADDRESS', $e->statusName, 'statusName');
            $t->ok($e->detail !== '' && $e->detail === $tp->lastError(), 'detail is the last error');
            $t->ok(str_contains($e->getMessage(), $e->detail), 'message has the detail');
        }
    });

    $t->run('memzero wipes a C buffer', function (Harness $t) use ($tp) {
        $buf = FFI::new('uint8_t[32]');
        for ($i = 0; $i < 32; $i++) {
            $buf[$i] = 0x5a;
        }
        $tp->memzero($buf);
        $t->same(str_repeat("\0", 32), FFI::string($buf, 32), 'wiped');
        $t->throws(TypeError::class, fn () => $tp->memzero(FFI::new('uint8_t *')), null, 'pointer refused');
    });

    $t->run('TRONPAY_LIBRARY is honoured, with no silent fallback', function (Harness $t) use ($tp) {
        $copy = tempnam(sys_get_temp_dir(), 'tronpay') . '.so';
        copy($tp->libraryPath, $copy);
        $probe = 'require "bindings/php/TronPay.php"; $t = TronPay\TronPay::load(); echo $t->libraryPath, "\n",'
            . ' $t->addressFromPrivateKey(str_repeat("\0", 31) . "\1");';
        $run = function (string $env) use ($probe): array {
            $cmd = 'cd ' . escapeshellarg(repo_root()) . " && env -u TRONPAY_LIBRARY $env php -r "
                . escapeshellarg($probe) . ' 2>&1';
            exec($cmd, $out, $code);
            return [$code, $out];
        };
        [$code, $out] = $run('TRONPAY_LIBRARY=' . escapeshellarg($copy));
        $t->same(0, $code, 'exit code');
        $t->same($copy, $out[0] ?? null, 'library used');
        // Key 1: the generator point, Ethereum address 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf.
        $t->same('TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC', $out[1] ?? null, 'address of key 1');
        [$code, $out] = $run('TRONPAY_LIBRARY=/nonexistent/libtronpay.so.1');
        $t->ok($code !== 0 && str_contains(implode("\n", $out), '/nonexistent/libtronpay.so.1'),
            'missing library fails loudly');
        [$code, $out] = $run('');
        $t->ok($code === 0 && str_ends_with($out[0] ?? '', 'build/libtronpay.so.1'), 'checkout finds build/');
        unlink($copy);
    });

    $t->run('ffi.preload with the scoped header, then fromScope()', function (Harness $t) use ($tp) {
        $scoped = tempnam(sys_get_temp_dir(), 'tronpay_scope');
        $php = escapeshellarg(PHP_BINARY);
        exec("$php " . escapeshellarg(dirname(__DIR__) . '/scoped-header.php') . ' '
            . escapeshellarg($tp->libraryPath) . ' > ' . escapeshellarg($scoped), $_, $code);
        $t->same(0, $code, 'scoped-header.php');
        $probe = 'require ' . var_export(dirname(__DIR__) . '/TronPay.php', true) . ';'
            . ' echo TronPay\TronPay::fromScope()->addressFromPrivateKey(str_repeat("\0", 31) . "\1");';
        exec("$php -d ffi.enable=preload -d ffi.preload=" . escapeshellarg($scoped) . ' -r '
            . escapeshellarg($probe) . ' 2>&1', $out, $code);
        $t->same(0, $code, 'preloaded run');
        $t->same('TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC', $out[0] ?? null, 'address through the scope');
        unlink($scoped);
    });
};
