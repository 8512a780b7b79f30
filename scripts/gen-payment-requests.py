#!/usr/bin/env python3
"""Random payment requests (seeded): invoices on a few addresses, node receipts with repeats and
failed results, the same transactions seen through JSON-RPC, TronGrid items, token pins and
policies. Writes one request to stdout. Used for the fuzz seeds fuzz/corpus/payment_check/generated-*
and for before/after differential runs of tronpay_payment_check when its code changes.
Usage: scripts/gen-payment-requests.py SEED > request.json"""
import json, random, hashlib, sys
A='123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
def b58(b):
    b=b+hashlib.sha256(hashlib.sha256(b).digest()).digest()[:4]
    n=int.from_bytes(b,'big'); s=''
    while n: n,r=divmod(n,58); s=A[r]+s
    return '1'*(len(b)-len(b.lstrip(b'\0')))+s
R=random.Random(int(sys.argv[1]))
addrs=[bytes([0x41])+bytes(R.randrange(256) for _ in range(20)) for _ in range(10)]
usdt=bytes.fromhex('41a614f803b6fd780986a42c78ec9c7f77e6ded13c')
other=bytes([0x41])+bytes(R.randrange(256) for _ in range(20))
tokens=[usdt,usdt,other]
TOPIC='ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'
amounts=[1000,995,1000,400,2000,0,10**30,41677389]
def txid(): return bytes(R.randrange(256) for _ in range(32)).hex()
def log(tok,frm,to,amt,pre=''):
    return {"address":pre+tok[1:].hex(),"topics":[pre+TOPIC,pre+'0'*24+frm[1:].hex(),pre+'0'*24+to[1:].hex()],"data":pre+('%064x'%amt)}
ev=[];block=[]
head=1000; solid=980
txs=[]
for i in range(R.randrange(1,25)):
    t=txid(); bn=R.randrange(900,1001); ts=1700000000000+bn*3000
    logs=[log(R.choice(tokens),R.choice(addrs),R.choice(addrs),R.choice(amounts)) for _ in range(R.randrange(1,4))]
    txs.append((t,bn,ts,logs))
    res=R.choice(["SUCCESS"]*4+["REVERT","OUT_OF_ENERGY"])
    rec={"id":t,"blockNumber":bn,"blockTimeStamp":ts,"receipt":{"result":res},"log":logs}
    block.append(rec)
    if R.random()<0.2: block.append(rec)  # duplicate receipt
if R.random()<0.3:
    # TRX transfer contract style is complex; skip
    pass
ev.append(block)
# JSON-RPC view of some of the same txs and new ones
if R.random()<0.5:
    for (t,bn,ts,logs) in R.sample(txs,min(len(txs),3)):
        rl=[dict(log(bytes([0x41])+bytes.fromhex(l["address"]),bytes([0x41])+bytes.fromhex(l["topics"][1][24:]),bytes([0x41])+bytes.fromhex(l["topics"][2][24:]),int(l["data"],16),'0x'),logIndex=hex(R.randrange(0,50))) for l in logs]
        ev.append({"jsonrpc":"2.0","id":1,"result":{"transactionHash":"0x"+t,"blockNumber":hex(bn),"status":R.choice(["0x1","0x1","0x0"]),"logs":rl}})
# TronGrid items
if R.random()<0.5:
    items=[]
    for k in range(R.randrange(1,5)):
        if txs and R.random()<0.5: t=R.choice(txs)[0]
        else: t=txid()
        items.append({"transaction_id":t,"token_info":{"address":b58(R.choice(tokens))},"block_timestamp":1700000000000+R.randrange(900,1001)*3000,"from":b58(R.choice(addrs)),"to":b58(R.choice(addrs)),"type":"Transfer","value":str(R.choice(amounts))})
        if R.random()<0.2: items.append(items[-1])
    ev.append({"data":items,"success":True,"meta":{}})
inv=[]
for k in range(R.randrange(1,12)):
    d={"id":"inv%d"%k,"address":b58(R.choice(addrs)),"amount_due":str(R.choice([1000,400,2000,41677389,10**30]))}
    tk=R.choice(["USDT","TRX",None,b58(other),"OTHER"])
    if tk: d["token"]=tk
    if R.random()<0.5: d["created_at_ms"]=1700000000000+R.randrange(850,1001)*3000
    if R.random()<0.5: d["expires_at_ms"]=1700000000000+R.randrange(900,1100)*3000
    if R.random()<0.4: d["tolerance_bps"]=R.choice([0,50,5000])
    inv.append(d)
req={"chain":{"head_block":head,"solidified_block":solid,"now_ms":1700000000000+R.randrange(900,1200)*3000},"invoices":inv,"evidence":ev}
if R.random()<0.5: req["tokens"]={"USDT":b58(usdt),"OTHER":b58(other)}
if R.random()<0.5: req["policy"]={"min_amount":str(R.choice([1,500])),"confirmations":R.choice(["solidified",5,30])}
print(json.dumps(req))
