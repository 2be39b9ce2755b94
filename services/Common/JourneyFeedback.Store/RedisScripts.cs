namespace JourneyFeedback.Store;

/// <summary>The Lua scripts of <see cref="RedisFeedbackStore"/>: each runs atomically on the Redis server.</summary>
internal static class RedisScripts
{
    public const string Register = """
        local existing = redis.call('GET', KEYS[1])
        if existing then return existing end
        redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
        return false
        """;

    public const string Forget = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    // ARGV: prefix, feedback id, stage, retention s, sentiment ('' unscored), is pain, hour, bucket ttl s,
    //   #dimensions D, #increments K, D dimensions, K (field, by) pairs, then for a pain point:
    //   topic, language, channel, segment, strong signal, sentiment, time score, mention json,
    //   merge threshold, max stems, max verbatims, hour, #stems S, S stems, max candidates.
    // The merge rule mirrors Wording.Choose; scores are kept as the caller's strings because Lua would print
    // microsecond timestamps with too few digits.
    public const string Record = """
        local P, id, stage = ARGV[1], ARGV[2], ARGV[3]
        if not redis.call('SET', P .. 'done:' .. id, '1', 'NX', 'EX', ARGV[4]) then return 0 end
        local sk = P .. 'stage:' .. stage
        redis.call('SADD', P .. 'stages', stage)
        redis.call('HINCRBY', sk, 'feedback', 1)
        if ARGV[5] ~= '' then
          redis.call('HINCRBY', sk, 'scored', 1)
          redis.call('HINCRBYFLOAT', sk, 'sentiment_sum', ARGV[5])
        end
        local nd, nk = tonumber(ARGV[9]), tonumber(ARGV[10])
        local i = 11
        for d = 0, nd - 1 do
          local bk = sk .. ':h:' .. ARGV[7] .. ':' .. ARGV[i + d]
          for k = 0, nk - 1 do
            redis.call('HINCRBYFLOAT', bk, ARGV[i + nd + 2 * k], ARGV[i + nd + 2 * k + 1])
          end
          redis.call('EXPIRE', bk, ARGV[8])
        end
        if ARGV[6] ~= '1' then return 1 end
        i = i + nd + 2 * nk
        redis.call('HINCRBY', sk, 'pain_points', 1)
        local topic, lang, channel, segment = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
        local strong, sentiment, score, json = ARGV[i + 4], ARGV[i + 5], ARGV[i + 6], ARGV[i + 7]
        local threshold, maxStems, maxVerbatims = tonumber(ARGV[i + 8]), tonumber(ARGV[i + 9]), tonumber(ARGV[i + 10])
        local hour, ns = ARGV[i + 11], tonumber(ARGV[i + 12])
        local stems = {}
        for s = 1, ns do stems[s] = ARGV[i + 12 + s] end

        local tk = sk .. ':t:' .. topic
        local candidates = redis.call('ZREVRANGE', tk, 0, tonumber(ARGV[i + 13 + ns]) - 1)
        table.sort(candidates)
        local best, bestScore, bestHits = nil, -1, -1
        for _, c in ipairs(candidates) do
          local stemKey = P .. 'pc:' .. c .. ':stems'
          local size = redis.call('SCARD', stemKey)
          if ns > 0 and size > 0 then
            local hits = 0
            for _, v in ipairs(redis.call('SMISMEMBER', stemKey, unpack(stems))) do hits = hits + v end
            local overlap = hits / math.min(ns, size)
            if overlap >= threshold and (overlap > bestScore or (overlap == bestScore and hits > bestHits)) then
              best, bestScore, bestHits = c, overlap, hits
            end
          end
        end
        if not best and #candidates > 0 then
          local seenLanguage, biggest, biggestCount = false, nil, -1
          for _, c in ipairs(candidates) do
            if redis.call('HEXISTS', P .. 'pc:' .. c .. ':lang', lang) == 1 then seenLanguage = true end
            local n = tonumber(redis.call('HGET', P .. 'pc:' .. c, 'count') or '0')
            if n > biggestCount then biggest, biggestCount = c, n end
          end
          if not seenLanguage then best = biggest end
        end

        local pid = best or id
        local pk = P .. 'pc:' .. pid
        if not best then
          redis.call('HSET', pk, 'stage', stage, 'topic', topic, 'first', score, 'last', score, 'latest', json)
        else
          if tonumber(score) >= tonumber(redis.call('HGET', pk, 'last')) then
            redis.call('HSET', pk, 'last', score, 'latest', json)
          end
          if tonumber(score) < tonumber(redis.call('HGET', pk, 'first')) then redis.call('HSET', pk, 'first', score) end
        end
        redis.call('HINCRBY', pk, 'count', 1)
        redis.call('HINCRBYFLOAT', pk, 'sentiment_sum', sentiment)
        if strong == '1' then redis.call('HINCRBY', pk, 'strong', 1) end
        redis.call('HINCRBY', pk .. ':ch', channel, 1)
        redis.call('HINCRBY', pk .. ':lang', lang, 1)
        if segment ~= '' then redis.call('HINCRBY', pk .. ':seg', segment, 1) end
        redis.call('HINCRBY', pk .. ':h', hour, 1)
        local room = maxStems - redis.call('SCARD', pk .. ':stems')
        if ns > 0 and room > 0 then
          local add = {}
          for s = 1, math.min(ns, room) do add[s] = stems[s] end
          redis.call('SADD', pk .. ':stems', unpack(add))
        end
        redis.call('SET', P .. 'of:' .. id, pid, 'EX', ARGV[4])
        redis.call('LPUSH', pk .. ':v', json)
        redis.call('LTRIM', pk .. ':v', 0, maxVerbatims - 1)
        local last = redis.call('HGET', pk, 'last')
        redis.call('ZADD', sk .. ':pp', last, pid)
        redis.call('ZADD', tk, last, pid)
        redis.call('PUBLISH', P .. 'painpoints', pid)
        return 1
        """;
}
