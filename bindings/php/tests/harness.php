<?php
// A tiny test harness: each check counts; the closing line "php: N passed, N failed" is what CI
// reads; the exit code is 1 when anything failed.

declare(strict_types=1);

final class Harness
{
    public int $passed = 0;
    public int $failed = 0;
    private string $current = '';

    public function run(string $name, callable $test): void
    {
        $this->current = $name;
        try {
            $test($this);
        } catch (\Throwable $e) {
            $this->fail('unexpected ' . get_class($e) . ': ' . $e->getMessage());
        }
    }

    public function ok(bool $condition, string $what = ''): void
    {
        if ($condition) {
            $this->passed++;
        } else {
            $this->fail($what === '' ? 'check failed' : $what);
        }
    }

    public function same(mixed $expected, mixed $actual, string $what = ''): void
    {
        $this->ok($expected === $actual, sprintf('%s: expected %s, got %s', $what,
            var_export($expected, true), var_export($actual, true)));
    }

    /** $fn must throw $class; with TronPayException, of status $status. */
    public function throws(string $class, callable $fn, ?int $status = null, string $what = ''): void
    {
        try {
            $fn();
        } catch (\Throwable $e) {
            $good = $e instanceof $class &&
                ($status === null || ($e instanceof TronPay\TronPayException && $e->status === $status));
            $this->ok($good, sprintf('%s: threw %s (%s), expected %s %s', $what, get_class($e),
                $e->getMessage(), $class, $status ?? ''));
            return;
        }
        $this->fail("$what: nothing thrown, expected $class");
    }

    private function fail(string $message): void
    {
        $this->failed++;
        fwrite(STDERR, "FAIL [{$this->current}] $message\n");
    }

    public function finish(): never
    {
        echo "php: {$this->passed} passed, {$this->failed} failed\n";
        exit($this->failed === 0 ? 0 : 1);
    }
}

function repo_root(): string
{
    return dirname(__DIR__, 3);
}

function load_json(string $relative): array
{
    return json_decode(file_get_contents(repo_root() . '/' . $relative), true, 512,
        JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
}

/** @return list<string> function names declared in include/tronpay.h */
function header_functions(): array
{
    preg_match_all('/\b(tronpay_[a-z0-9_]+)\s*\(/', file_get_contents(repo_root() . '/include/tronpay.h'), $m);
    $names = array_values(array_unique($m[1]));
    sort($names);
    return $names;
}

/** @return array<string,int> */
function header_defines(): array
{
    preg_match_all('/#define (TRONPAY_\w+) (-?\d+)/', file_get_contents(repo_root() . '/include/tronpay.h'), $m);
    return array_map('intval', array_combine($m[1], $m[2]));
}
