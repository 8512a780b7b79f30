<?php
// composer.json: what it declares is true of TronPay.php, and a package laid out the way
// Composer installs it (vendor/tronpay/tronpay, classmap autoloading) works against a
// `make install`ed library.

declare(strict_types=1);

use TronPay\TronPay;

return function (Harness $t, TronPay $tp): void {
    $dir = dirname(__DIR__);

    $t->run('composer.json declares the package as it is', function (Harness $t) use ($dir) {
        $c = json_decode(file_get_contents("$dir/composer.json"), true, 512, JSON_THROW_ON_ERROR);
        $t->ok(preg_match('{^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$}',
            $c['name']) === 1, 'package name is a valid Composer name');
        $t->same('library', $c['type'], 'type');
        $t->same(['php' => '>=8.1', 'ext-ffi' => '*'], $c['require'], 'require');
        $t->ok(version_compare(PHP_VERSION, '8.1', '>='), 'this PHP meets it');
        $t->same(['TronPay.php', 'Engine.php'], $c['autoload']['classmap'], 'classmap');
        // Every class the file declares is one the classmap will find.
        $src = file_get_contents("$dir/TronPay.php");
        preg_match_all('/^(?:final )?class (\w+)/m', $src, $m);
        $t->same(['TronPayException', 'WebhookVerificationException', 'TronPay'], $m[1], 'classes');
        preg_match_all('/^(?:final )?class (\w+)/m', file_get_contents("$dir/Engine.php"), $m);
        $t->same(['Engine'], $m[1], 'classes of Engine.php');
    });

    $t->run('a Composer-installed copy finds an installed library', function (Harness $t) use ($dir) {
        $tmp = sys_get_temp_dir() . '/tronpay-composer-' . bin2hex(random_bytes(6));
        $prefix = "$tmp/prefix";
        $vendor = "$tmp/app/vendor/tronpay/tronpay";
        mkdir($vendor, 0755, true);
        try {
            exec('make --no-print-directory -C ' . escapeshellarg(repo_root()) . ' install-lib install-bindings PREFIX='
                . escapeshellarg($prefix) . ' 2>&1', $lines, $rc);
            $t->same(0, $rc, 'make install: ' . implode("\n", $lines));
            $t->ok(is_file("$prefix/share/tronpay/tronpay_ffi.h"), 'make install writes the FFI header');
            copy("$dir/TronPay.php", "$vendor/TronPay.php");
            copy("$dir/Engine.php", "$vendor/Engine.php");
            copy("$dir/composer.json", "$vendor/composer.json");
            // What Composer's classmap autoloader does: a class name → the file, on first use.
            file_put_contents("$tmp/app/vendor/autoload.php", '<?php spl_autoload_register(function ($c) {'
                . ' if (in_array($c, ["TronPay\\\\TronPay", "TronPay\\\\TronPayException",'
                . ' "TronPay\\\\WebhookVerificationException"], true)) {'
                . ' require_once __DIR__ . "/tronpay/tronpay/TronPay.php"; }'
                . ' if ($c === "TronPay\\\\Engine") { require_once __DIR__ . "/tronpay/tronpay/Engine.php"; } });');
            file_put_contents("$tmp/app/index.php", '<?php require __DIR__ . "/vendor/autoload.php";'
                . ' $tp = TronPay\\TronPay::load(); echo $tp->libraryPath, " ",'
                . ' $tp->addressFromPrivateKey(str_repeat("\\0", 31) . "\\1");'
                . ' $e = $tp->engine(["store" => "sqlite::memory:"]); $e->close();');
            $env = 'TRONPAY_LIBRARY=' . escapeshellarg("$prefix/lib/libtronpay.so.1")
                . ' TRONPAY_FFI_HEADER=' . escapeshellarg("$prefix/share/tronpay/tronpay_ffi.h");
            $out = shell_exec("cd / && env -u TRONPAY_LIBRARY $env php " . escapeshellarg("$tmp/app/index.php")
                . ' 2>&1');
            $t->same("$prefix/lib/libtronpay.so.1 TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC", $out, 'output');
            // Without them, in a place with no install: the message says what to do.
            $out = shell_exec('cd / && env -u TRONPAY_LIBRARY TRONPAY_FFI_HEADER=' . escapeshellarg("$tmp/none.h")
                . ' php ' . escapeshellarg("$tmp/app/index.php") . ' 2>&1');
            $t->ok(str_contains((string)$out, 'make && sudo make install')
                && str_contains((string)$out, 'TRONPAY_FFI_HEADER='), "advice: $out");
        } finally {
            exec('rm -rf ' . escapeshellarg($tmp));
        }
    });
};
