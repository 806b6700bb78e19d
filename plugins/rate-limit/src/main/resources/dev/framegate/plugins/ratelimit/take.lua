-- One rate-limit check, atomic in Redis: two token buckets (messages, bytes) in one hash, refilled
-- from the time elapsed on Redis's own clock (the gateways' clocks never meet), then either both
-- needs are met and up to `want` tokens of each are handed out as a lease, or nothing is taken and
-- the reply says in how many milliseconds the needs could be met.
--
-- KEYS[1]  the limit's hash: fields m (message tokens), b (byte tokens), t (last refill, microseconds)
-- ARGV     message rate/s, message burst, message need, message want,
--          byte rate/s, byte burst, byte need, byte want, key time-to-live in ms
-- returns  {messages granted, bytes granted, wait ms}; a rate of 0 means that dimension is unlimited
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local state = redis.call('HMGET', KEYS[1], 'm', 'b', 't')
local mRate, mBurst, mNeed, mWant = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local bRate, bBurst, bNeed, bWant = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local last = tonumber(state[3]) or now
local elapsed = math.max(0, now - last) / 1000000

local function refill(tokens, rate, burst)
  if rate <= 0 then
    return 0
  end
  if not tokens then -- HMGET gives false for a missing field
    return burst
  end
  return math.min(burst, tonumber(tokens) + elapsed * rate)
end

local m = refill(state[1], mRate, mBurst)
local b = refill(state[2], bRate, bBurst)
local mOk = mRate <= 0 or m >= mNeed
local bOk = bRate <= 0 or b >= bNeed
local mGrant, bGrant, wait = 0, 0, 0
if mOk and bOk then
  if mRate > 0 then
    mGrant = math.floor(math.min(m, math.max(mNeed, mWant)))
    m = m - mGrant
  end
  if bRate > 0 then
    bGrant = math.floor(math.min(b, math.max(bNeed, bWant)))
    b = b - bGrant
  end
else
  local seconds = 0
  if not mOk then
    seconds = math.max(seconds, (mNeed - m) / mRate)
  end
  if not bOk then
    seconds = math.max(seconds, (bNeed - b) / bRate)
  end
  wait = math.max(1, math.ceil(seconds * 1000))
end
redis.call('HSET', KEYS[1], 'm', tostring(m), 'b', tostring(b), 't', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[9])
return {mGrant, bGrant, wait}
