"""What a question asks about, from its words: topic vocabulary and question intents in both languages.

Entries are dictionary forms; the phrase index matches any inflection, stem or small typo of them.
Weights say how strongly a word points at a topic (a word may point at two: "проголосовать").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.lexicon import PhraseIndex
from bot.text import STOPWORDS, token_keys


def _weighted(spec: str) -> list[tuple[str, float]]:
    """ "how many 0.9, turnout 1" -> [("how many", 0.9), ("turnout", 1.0)]."""
    pairs = []
    for item in spec.split(","):
        phrase, _, weight = " ".join(item.split()).rpartition(" ")
        pairs.append((phrase, float(weight)))
    return pairs


def _phrases(spec: str) -> list[str]:
    return [" ".join(item.split()) for item in spec.split(",") if item.strip()]


# topic -> [(phrase, weight)], English and Russian together; "=word" matches only that spelling.
# "~phrase" is a quantity cue ("how many", "сколько"): it says a number is asked, not what about, so it goes to
# the numeric topic the question names ("how many people took part in the exit poll") and to its own topic
# only when no numeric topic is named.
TOPIC_WORDS: dict[str, list[tuple[str, float]]] = {
    "turnout": _weighted(
        """
        turnout 1, turned out 0.9, turn out 0.9,
        ~how many 0.9, ~number of 0.9, where to vote 0.4, где проголосовать 0.4, где голосовать
        0.3, voter 0.6, ~people 0.3, participation 0.9, took part 0.7, cast 0.5, ballot 0.6, vote 0.35, early 0.7,
        early voting 1,
        early ballots 1, registered 0.8, register 0.5, on the lists 0.8, voter list 0.9, досрочно 0.8, досрочный 0.8,
        досрочное голосование 1, зарегистрировать 0.8, зарегистрированный 0.8, список избирателей 0.9,
        came out 0.5, showed up 0.6, ~count 0.4, ~ppl 0.3, attendance 0.9, явка 1, ~сколько 0.9, ~скока 0.9, ~скоко 0.9,
        избиратель 0.6, проголосовать 0.5, голосовать 0.35, ~человек 0.3, ~народ 0.3, ~количество 0.6, ~число 0.5,
        участвовать 0.7, участие 0.7, прийти 0.5, бюллетень 0.6, голосующий 0.6, пришло 0.6, ~figure 0.4, ~number 0.5,
        ~statistics 0.4, ~цифра 0.4, ~статистика 0.4
        """
    ),
    "result": _weighted(
        """
        result 1, outcome 1, резы 1, резик 1,
        how many =votes 1.2, сколько голос 1.2, receive 0.6, give 0.5, split 0.6, достаться
        0.8, как голосовать 0.7, распределиться 0.8, share 0.9, percent 0.8, percentage 0.8, won 0.9,
        win 0.9, winner 0.9, who won 1, vote for 0.6, voted for 0.8, support 0.6, perform
        0.9, performance 0.9, fare 0.8, score 0.7, how did 0.5, got 0.3, tally 0.8, for whom 0.9,
        victory 0.8, defeat 0.8, beat 0.8, lose 0.7, lost 0.7, who lost 1, invalid 0.9, spoiled 0.9,
        spoilt 0.9, void 0.7, tie 0.8, tied 0.8, draw 0.5, smashed 0.6, crushed 0.6, trounced 0.7, landslide 0.8,
        недействительный 0.9, испорченный 0.9, испортить 0.8, ничья 0.8, поровну 0.8, продуть 0.8, слить 0.6,
        popular 0.5, standings 0.8, how did vote 0.9,
        vote 0.3, результат 1, итог 1, процент 0.8, доля 0.8, за кого 1, победить 0.9, победа 0.8, победитель
        0.9, выиграть 0.9, поддержать 0.6, поддерживать 0.6, поддержка 0.6, набрать 0.8, получить 0.5, как проголосовать
        0.9, проиграть 0.7, кто проиграть 1, поражение 0.8, голос 0.4, проголосовать за 0.9, голосовать за 0.8,
        выступить 0.6, обогнать 0.8, опередить 0.8, came first 1, first place 1, первое место 1, догнать 0.7, отрыв 0.8,
        margin 0.9,
        official count 0.8, vote count 0.9, count of votes 0.9, подсчет голосов 0.9, официальный подсчет 0.8,
        ~figure 0.4, ~statistics 0.4, ~цифра 0.4, ~статистика 0.4
        """
    ),
    "exit_poll": _weighted(
        """
        exit poll 1.4, exitpoll 1.4, exit 0.8, poll 0.6, survey 0.9, surveyed 0.9, independent 0.4, respondent
        0.8, interviewed 0.7, pollster 1, социолог 0.9, экзитпол 1.4, экзит пол 1.4, exit пол 1.4, экзит 1,
        опрос 0.7, опросить 0.8, опрос на выход 1.4, анкетирование 0.8, независимый 0.4, респондент 0.8,
        they ask 0.8, they asked 0.8, sample 0.7, sample size 1, answered 0.6, responded 0.7, took part in 0.5
        """
    ),
    "polling_places": _weighted(
        """
        polling station 1, polling place 1, station 0.8, where to vote 1, where could 0.8, where can
        0.6, where 0.6, consulate 0.9, embassy 0.9, polling 0.4, place 0.4, location 0.6, city 0.4,
        участок 1, избирательный участок 1, консульство 0.9, посольство 0.9, где голосовать 1, как
        голосовать 0.4, где проголосовать 1, где 0.3, место 0.5, город 0.4, адрес 0.7, voting site 1, polling site 1,
        voting location 1, site 0.5, станция 0.6, урна 0.6
        """
    ),
    "reaction": _weighted(
        """
        react 1, reaction 1, congratulate 1, congratulation 1, say 0.7, said 0.7, comment 0.8, respond
        0.8, response 0.8, statement 0.8, praise 0.8, compliment 0.8, quote 0.7, think 0.5, view 0.4,
        message 0.5, words 0.8, =слова 0.7, leader 0.7, president 0.7, describe 0.8, assess 0.8, call 0.4,
        welcome 0.6, first to 0.6, реакция 1, реагировать 1, отреагировать 1, поздравить 1, поздравление 1, сказать 0.7,
        заявить 0.8, заявление 0.8, комментарий 0.8, прокомментировать 0.8, отозваться 0.8, похвалить
        0.8, ответить 0.6, цитата 0.7, президент 0.7, лидер 0.7, руководитель 0.7, оценить 0.8, назвать
        0.5, отзыв 0.7, думать 0.4, мнение 0.5, приветствовать 0.6, первый 0.3, говорить 0.6, поздравлять 1,
        заявлять 0.8, комментировать 0.8, отвечать 0.6, оценивать 0.8, высказаться 0.8, высказываться 0.8,
        первый поздравить 1.6, first to congratulate 1.6, criticize 0.8, criticise 0.8, condemn 0.8, criticism 0.8,
        критиковать 0.8, раскритиковать 0.8, осудить 0.8, критика 0.8
        """
    ),
    "diaspora": _weighted(
        """
        relokanty 1.2, relocant 1.2, relocate 1, relocation 1, move 0.8, moved 0.8, emigrate 1, emigrant
        1, community 0.8, communities 0.8, община 0.8, диаспора 1, emigrant
        1, emigration 1, diaspora 1, flee 0.9, fled 0.9, draft 0.9, mobilization 1, mobilisation 1, army
        0.7, evade 0.9, exile 0.9, dual citizenship 1, dual citizen 1, citizenship 0.6, passport 0.7, who are 0.4, why
        0.4, live 0.4, came 0.3, expat 0.9, migrant 0.8, refugee 0.9, community 0.6, релокант 1.2,
        переехать 1, переезжать 1, переезд 1, уехать 0.9, уезжать 0.9, эмиграция 1, эмигрант 1, диаспора 1,
        бежать 0.9, сбежать
        0.9, мобилизация 1, мобилизовать 1, призыв 0.9, армия 0.7, двойной гражданство 1, гражданство 0.6,
        паспорт 0.7, почему 0.4, жить 0.4, приехать 0.6, мигрант 0.8, беженец 0.9, уклониться 0.9, откосить 0.9,
        россиянин 0.3, наш 0.3
        """
    ),
    "context": _weighted(
        """
        military base 1.4, base 1, line 1, anti 0.8, soldier 0.9, солдат 0.9, queue 1, host 0.6, long line
        1.2, dissent 1, protest 1,
        opposition 0.9, polling data 1.2, opinion poll 1, sentiment 0.9, incident 1, violence 1,
        queue length 1.2, queue size 1.2, line length 1.2, длина очереди 1.2,
        rally 1, demonstration 0.9, митинг 1, демонстрация 0.9,
        attack 1, molotov 1.2, firebomb 1.2, arrest 1, arrested 1, detained 1, detention 1, police 0.9, fraud 1.4,
        rigged 1.4, falsified 1.4, falsification 1.4, disputed 1.4, dispute 1.3, irregularities 1.3, stuffing 1.2,
        legit 1.3, legitimate 1.3, allegation 1.3, alleged 1.2, queue 1,
        wait 0.5, waited 0.7, hours 0.6, extended 0.8, ran out 1, shortage 0.9, инцидент 1, нападение 1,
        задержать 1, задержание 1, арест 1, полиция 0.9, фальсификация 1.4, сфальсифицировать 1.4, вброс 1.3,
        нарушение 1.1, спорный 1.2, оспорить 1.2, подтасовка 1.4, честный 0.8, продлить 0.8, продлевать 0.8,
        закончиться 0.6,
        коктейль молотова 1.2, molotov cocktail 1.4, stuck 0.6,
        mood 0.8, crowd 0.9, crowds 0.9, crowded 0.9, толпа 0.9, open longer 1.2,
        stayed open 1.2, couldn't vote 1.8, could not vote 1.8, couldnt vote 1.8, unable to vote 1.8, turned away 1.2,
        didn't get to vote 1.8, left outside 1.2, не успеть 1, не успеть проголосовать 1.8, не смочь проголосовать 1.8,
        не смочь 0.8, не попасть 1,
        atmosphere 0.8,
        background 0.8, troops 0.9, military 1, polling data 1.3, pro putin 0.8, anti putin 0.9, critic
        0.6, военный база 1.4, база 1, очередь 1, протест 1, оппозиция 0.9, несогласие 1, инакомыслие 1,
        настроение 0.9, атмосфера 0.8, фон 0.6, военный 1, войска 0.9, опрос общественного мнения 1.2,
        данные опрос 1.3, опрос по 0.9, социология 0.9, weird 1, strange 1, suspicious 1, anomaly 1, crazy 1, odd 1,
        странный 1, подозрительный 1, аномалия 1, noon against putin 1.5, полдень против путина 1.5,
        полдень против 1.4, noon protest 1.4, акция полдень 1.4
        """
    ),
    "candidate": _weighted(
        """
        candidate 1, who is 0.7, party 0.9, nominee 0.9, nominate 0.8, nominated 0.9, put forward 0.9, communist
        0.8, nationalist 0.8, liberal 0.6, коммунист 0.8, выдвинуть 0.8, foil 0.9, spoiler 0.9, running
        0.6, ran 0.4, who ran 0.9, contender 0.9, кандидат 1, кто такой 0.9, кто это 0.8, партия 0.9,
        выдвинуть 0.8, выдвиженец 0.9, баллотироваться 0.9, спойлер 0.9, соперник 0.8
        """
    ),
    "schedule": _weighted(
        """
        when 0.9, date 1, what date 1, what day 1, day 0.7, days 0.7, дни 0.8, проходить 0.5,
        which days 1, какие дни 1, до скольки 0.9, till what time 0.9, opening hours 1, online 1, electronic 0.9,
        schedule 1,
        three day 1, how many days 1.4, last 0.4, announce 0.5, march 0.6, how long 0.7, period 0.6, когда 0.9,
        дата 1, день 0.7, онлайн 1, электронный 0.9, срок 0.8, март 0.6, сколько дней 1.4, объявить 0.5,
        продолжаться 0.6, длиться 0.7, трехдневный 1, дистанционный 0.9, paper 0.6, бумажный 0.6, until what time 0.9,
        open until 0.9, friday 0.7, saturday 0.7, sunday 0.7, пятница 0.7, суббота 0.7, воскресенье 0.7
        """
    ),
    "source": _weighted(
        """
        source 1.2, where does the data come from 1.4, come from 1, where from 1, announce 0.9, where is
        this from 1.2, data 0.5, eurasianet 1.2, central election commission 1, cec 1, xinhua 1, sputnik
        1, reference 0.9, cite 0.9, reliable 0.7, according to whom 1, источник 1.2, откуда 0.9,
        объявить 0.9, данные 0.5, евразианет 1.2, цик 1, центризбирком 1, синьхуа 1, спутник 1, ссылка
        0.8, достоверный 0.7, election commission 1, electoral commission 1, electoral committee 1, chair 0.5,
        chairs 0.5, chairwoman 0.8, избирком 1, избирательная комиссия 1, председатель 0.5, глава 0.3, commission 0.8,
        комиссия 0.8, chaired 0.7, chair 0.5
        """
    ),
}

# Question intents that change how the engine answers rather than what about.
INTENT_WORDS: dict[str, list[str]] = {
    # "list all candidates", "перечисли кандидатов": every fact of the topic, not the best one
    "list": _phrases(
        """
        list, list all, all candidates, every candidate, enumerate, name all, перечисли, перечислить, перечень,
        список, все кандидаты, всех кандидатов, кто баллотировался, кто участвовал, who ran, who was running,
        who were the =candidates, the =candidates, =кандидаты, =кандидатов, кто =баллотировались, кто был в бюллетене,
        who was on the ballot
        """
    ),
    # "how many Russians live in Uzbekistan": a population, which no source gives; not how many voted
    "population": _phrases(
        """
        live, lives, living, population, inhabitants, reside, residents, how many russians are there, ethnic,
        этнический, живет, живёт, живут, проживает, проживают, население, численность, сколько русских, moved to,
        have moved, emigrated, fled, left russia, уехать, переехать, эмигрировать
        """
    ),
    "most": _phrases(
        """
        most, highest, largest, biggest, best, top, топ, maximum, strongest, greatest, more, bigger, larger, heaviest,
        busiest, самый массовый,
        крупнейший, самый крупный, крупный, больше всего,
        =наибольший, =наибольшая, =наибольшее, =наибольшей, =наибольшую, =наибольшим, =наибольшего,
        самый большой, самый высокий, лучший, лучше всего, максимальный, =больше, выше,
        сильнее, наиболее
        """
    ),
    "least": _phrases(
        """
        fewest, least, lowest, smallest, worst, minimum, weakest, fewer, less, smaller, самый мелкий, мелкий,
        проиграть сильнее, продул,
        меньше всего, наименьший,
        самый маленький, самый низкий, худший, хуже всего, минимальный, меньше, ниже, слабее, наименее,
        trounced, fared worst, flopped, flop, bottom, провал, провалился, провалиться, хуже, антирекорд
        """
    ),
    "compare": _phrases(
        """
        compare, comparison, versus, vs, difference, differ, against, rank, ranking, rating, side by
        side, above or below, higher or lower, more or less, больше или меньше, выше или ниже, сравнить, сравнение,
        сравни, разница, отличие, отличаться, против, рейтинг, add, include, добавить, включить
        """
    ),
    "coverage": _phrases(
        """
        which countries, what countries, which country, list of countries, countries covered, what data,
        what do you have, what can you, какие страны, какой страна, список стран, по каким странам, что
        ты знаешь, что вы знаете, что умеешь, какие данные
        """
    ),
    "countries": _phrases(
        """
        countries, all four, each country, every country, all the countries, in which countries, in what countries,
        страны, все четыре, каждая страна, все страны, по странам, в каких странах, в каких государствах
        """
    ),
    "national": _phrases(
        """
        overall, as a whole, national, nationally, nationwide, countrywide, whole country, across the board, in total,
        total, all of russia,
        in russia, в целом, по стране, по всей стране, общий, всего, по россии, в россии, итоговый,
        общероссийский, всероссийский, внутри страны, в самой россии, domestically, inside russia, at home,
        inside the country, within russia
        """
    ),
    # a change between two elections ("the biggest drop since 2018", "где выросло сильнее всего"): the words of a
    # comparison with another year, which the year's facts answer
    "change": _phrases(
        """
        change, changed, increase, increased, rise, rose, grow, grew, growth, drop, dropped, fall, fell, decline,
        declined, decrease, decreased, jump, jumped, gain, gained, shrink, shrank, изменение, измениться, вырасти,
        рост, прирост, упасть, падение, снижение, снизиться, сократиться, просесть, прибавить, убавиться
        """
    ),
    # the whole region the base covers: its overview facts, or every country side by side
    "region": _phrases(
        """
        central asia, central asian, centralasia, центральная азия, средняя азия, центральноазиатский,
        среднеазиатский
        """
    ),
    # figures as such ("Uzbekistan numbers"): every figure the base has for the place
    "figures": _phrases(
        """
        numbers, figures, stats, statistics, data, breakdown, digits, totals, цифры, статистика, данные, разбивка,
        показатели
        """
    ),
    # a future election or how to take part: the base holds the 2024 figures, not advice ("how to vote next time")
    "future": _phrases(
        """
        the next, next election, next elections, next vote, next time, upcoming, future election, future elections,
        2030, how to vote, how do i vote, how can i vote, how should i vote, register to vote, how to register,
        следующий, следующий выборы, следующий раз, будущий выборы, предстоящий выборы, как мне проголосовать,
        как мне голосовать, как зарегистрироваться, run for president, run for office, will run, =станет президентом,
        будет баллотироваться, =пойдет в президенты, =пойдёт в президенты, will become president
        """
    ),
    "followup": _phrases(
        """
        there, and, what about, how about, same, also, too, that country, neighbour, neighbours, neighbor, neighbors,
        neighbouring, neighboring, сосед, соседний, там, а, и, тоже, туда, здесь,
        тут, а как, а что, а там, эта страна
        """
    ),
    "overview": _phrases(
        """
        tell me about, about, info, information, anything, everything, overview, summary, breakdown, detail, story,
        the story,
        what happened, anything interesting, interesting, what went on, going on, news, how was it, how did it go,
        what went down, went down, situation, ситуация, обстановка,
        what's up with, whats up with, up with, the deal with, deal with, what's the story, что там с, как там,
        чё как, че как, как дела с, что с, what's up, whats up, what's new, whats new, хочу узнать, хотел узнать,
        хотела узнать, хотел бы узнать, хочу знать, интересует, что пишут, что писали,
        что случилось, что произошло, что было, как прошло, как прошли, что нового, интересного, происходить,
        твориться,
        details, rundown, recap, brief, briefly, in short, расскажи, рассказать, show, show me, покажи, показать,
        глянь, глянуть, посмотри, посмотреть, чекни, чекнуть, check out, look up, lookup, информация, что известно, про,
        обзор, все, сводка, разбивка, подробности, подробно, детали, кратко, вкратце, коротко, quick, short, full,
        complete, detailed, latest, main, key, exact, precise, rough, approximate, краткий, полный,
        подробный, точный, основной, главный, примерный, окончательный
        """
    ),
    # a whole place in brief ("Tajikistan summary", "всё про Таджикистан"): its figures side by side
    "summary": _phrases(
        """
        overview, summary, everything, all about, rundown, recap, in short, in a nutshell,
        все про, все о, все об, обзор, сводка, вкратце, кратко, коротко, в двух словах, главное
        """
    ),
    "when": _phrases(
        """
        when, what date, what day, когда, какого числа, в какой день
        """
    ),
    "where": _phrases(
        """
        where, which, what country, anywhere, somewhere, где, какой, в какой, в какой стране, где-нибудь, где-то,
        хоть где-то, any embassy, any station, any polling station, any consulate, any country, any city,
        каком-нибудь, какой-нибудь, каких-нибудь
        """
    ),
    "domain": _phrases(
        """
        election, elect, vote, voting, voter, ballot, president, presidential, citizen, russian,
        russians, expat, abroad, campaign, poll, figure, number, statistics, stats, data, 2024, выборы,
        выбор, голосование, голосовать, проголосовать, избиратель, президент, президентский, гражданин,
        россиянин, русский, российский, за рубежом, заграница, кампания, цифра, статистика, данные,
        бюллетень, central asia, central asian, центральная азия, средняя азия, mean, meaning, definition, term,
        означать, значение, термин, значить
        """
    ),
}


# Words that place a question in the domain: the election and the background of Russians abroad. Country and leader
# names do not (the weather, prices and population of Almaty are not election questions); a question with none of
# these words needs clear topic words and no foreign words, and a bare "how many" counts voters only next to one.
ELECTION_WORDS = _phrases(
    """
    election, elect, reelection, electoral, vote, voter, voting, ballot, turnout, poll, exit, exitpoll, candidate,
    campaign, presidential, citizen, citizenship, russian, russians, diaspora, relocant, relokanty, emigrant,
    congratulate, congratulation, cec, military, troops, soldier, mobilization, mobilisation, relocate, relocation,
    emigrate, emigration, opposition, dissent, protest, rally, выборы, избрание, переизбрание, избирательный, голос,
    голосовать,
    проголосовать, голосование, голосующий, избиратель, бюллетень, явка, экзитпол, экзит, кандидат, кампания,
    президентский, гражданин, гражданство, россиянин, российский, диаспора, релокант, эмигрант, поздравить,
    поздравление, поздравлять, цик, центризбирком,
    военный, войска, солдат, мобилизация, мобилизовать, релокация, эмиграция,
    оппозиция, протест, митинг, баллотироваться, избирком
    """
)
ELECTION_KEYS = frozenset(key for word in ELECTION_WORDS for key in token_keys(word))
# ...of which these belong to the election alone ("the exit poll", "turnout"), unlike "vote" (Eurovision, a school):
# they make a question about the election even without a name and next to a word the base does not know ("relocant"
# is left out: it shares its stem with "relocation services")
SPECIFIC_ELECTION_WORDS = _phrases(
    """
    election, reelection, electoral, turnout, exitpoll, exit, candidate, presidential, cec, relokanty, ballot,
    бюллетень, выборы, переизбрание, избирательный, явка, экзитпол, экзит, кандидат, президентский, цик,
    центризбирком, релокант
    """
)
# ...and these only say who is asking about ("Russian embassy phone number", "visa for Russians"): next to words the
# base does not know they do not make the question about the election
WEAK_ELECTION_KEYS = frozenset(
    key
    for word in _phrases("russian, russians, citizen, citizens, россиянин, российский, русский, гражданин")
    for key in token_keys(word)
)
SPECIFIC_KEYS = frozenset(key for word in SPECIFIC_ELECTION_WORDS for key in token_keys(word))

# parts of the world by the stems people use ("в Азии", "european countries", "латинской америке"), each one of
# the regions the places are grouped in (bot/country_names.py); Baltic and Latin America are named sets of them
AREA_STEMS: dict[str, tuple[str, ...]] = {
    "europe": ("europ", "европ"),
    "asia": ("asia", "азии", "азия", "азиат"),
    "africa": ("africa", "африк"),
    "latin_america": ("latin", "латин"),
    "americas": ("america", "америк"),
    "middle_east": ("middle", "ближн", "арабск", "arab"),
    "oceania": ("oceania", "океани"),
    "caucasus": ("caucas", "кавказ"),
    "baltic": ("baltic", "балти", "прибалт"),
}
WIN_STEMS = ("won", "win", "выиграл", "победил", "viigral", "pobedil")  # a win said: "who won", "он победил"
OUTSIDE = "outside_"  # an area asked as everything but it ("outside Europe"): this before the area's name


# Places in the standings ("who came second", "кто занял третье место"): a rank counted from the top, -1 is last.
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "last": -1, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7,
    "8th": 8, "9th": 9, "10th": 10, "первый": 1, "второй": 2, "третий": 3, "четвертый": 4, "четвёртый": 4,
    "пятый": 5, "шестой": 6, "седьмой": 7, "восьмой": 8, "девятый": 9, "десятый": 10, "последний": -1,
}  # fmt: skip
ORDINAL_KEYS = {key: rank for word, rank in ORDINALS.items() for key in token_keys(word)}
# ...a rank word is a place in the standings next to one of these ("the first to congratulate" is not)
PLACE_WORDS = frozenset(
    key
    for word in _phrases(
        "came, come, finish, finished, place, placed, rank, ranked, position, runner, "
        "занять, место, прийти, оказаться, финишировать"
    )
    for key in token_keys(word)
)

PLACE_NOUNS = frozenset(key for word in ("place", "position", "место") for key in token_keys(word))

OPENING_BONUS = 1.25
WHEN_ALONE = 0.9  # the weight of the dates topic when "when" is the only thing asked


@dataclass
class TopicSignals:
    topics: dict[str, float] = field(default_factory=dict)  # topic -> summed weight
    intents: dict[str, int] = field(default_factory=dict)  # intent -> first token position
    words: list[str] = field(default_factory=list)  # matched phrases, for --why
    covered: set[int] = field(default_factory=set)  # token positions explained by topic/intent words
    intent_positions: set[int] = field(default_factory=set)  # positions of intent words (scope, "which", "and")
    election: bool = False  # an election word (ELECTION_WORDS), in any form or with a typo
    specific: bool = False  # a word of the election alone (SPECIFIC_ELECTION_WORDS)
    strong: bool = False  # an election word other than "Russian" / "citizen" (WEAK_ELECTION_KEYS)
    counted: bool = False  # a question for a quantity ("how many", "сколько")
    place: int | None = None  # a place in the standings asked for: 1, 2, 3... or -1 for last
    loose: list[str] = field(default_factory=list)  # content words that are neither names nor topic/intent words
    named: dict[str, float] = field(default_factory=dict)  # topics named by their own words, not by quantity cues
    strongest: dict[str, float] = field(default_factory=dict)  # topic -> its strongest word's weight, no bonus

    def best(self) -> tuple[str | None, float]:
        if not self.topics:
            return None, 0.0
        topic = max(self.topics, key=lambda name: self.topics[name])
        return topic, self.topics[topic]


def build_topic_index() -> PhraseIndex:
    index = PhraseIndex()
    for topic, words in TOPIC_WORDS.items():
        for phrase, weight in words:
            index.add(phrase.lstrip("~"), ("topic", topic, weight, phrase.startswith("~")))
    for intent, phrases in INTENT_WORDS.items():
        for phrase in phrases:
            index.add(phrase, ("intent", intent, 0.0, False))
    index.freeze()
    return index


def topic_signals(index: PhraseIndex, tokens: list[str], skip: set[int]) -> TopicSignals:
    """Topic weights and intents of a question; tokens at ``skip`` positions (names) are not read as words."""
    signals = TopicSignals()
    free = [token if position not in skip else "\x00" for position, token in enumerate(tokens)]
    # the opening words are the ask: the first two words that are not function words
    opening = [position for position, token in enumerate(free) if token not in STOPWORDS][:1]
    found: list[tuple[str, float, bool]] = []  # (topic, weight, quantity cue) in question order
    for match in index.find(free):
        kind, name, weight, cue = match.label
        signals.covered.update(range(match.start, match.end))
        signals.words.append(match.phrase)
        if kind == "intent":
            signals.intents.setdefault(name, match.start)
            signals.intent_positions.update(range(match.start, match.end))
        else:
            if not cue:
                signals.strongest[name] = max(signals.strongest.get(name, 0.0), weight)
            if match.start in opening or match.start == 0:
                weight *= OPENING_BONUS  # "How many ... at the polling stations": the opening words are the ask
            found.append((name, weight, cue))
    election_words = [token for token in free if token not in STOPWORDS and _is_election_word(index, token)]
    signals.election = bool(election_words)
    signals.strong = any(WEAK_ELECTION_KEYS.isdisjoint(token_keys(token)) for token in election_words)
    signals.specific = signals.election and any(
        not SPECIFIC_KEYS.isdisjoint(token_keys(token)) for token in free if token not in STOPWORDS
    )
    _find_place(signals, free)
    signals.loose = [
        token
        for position, token in enumerate(free)
        if position not in signals.covered
        and token != "\x00"
        and token not in STOPWORDS
        and not token.isdigit()
        and len(token) > 1
    ]
    named: dict[str, float] = {}
    for name, weight, cue in found:
        if not cue:
            named[name] = _combine(named.get(name, 0.0), weight)
    signals.named = named
    signals.counted = any(cue and weight >= 0.9 for _, weight, cue in found)  # "how many", not a bare "number"
    numeric = {name: value for name, value in named.items() if name in NUMERIC_TOPICS}
    # a bare count ("how many ... in Almaty") is a count of voters only when nothing else is asked about
    bare_count = signals.election or not (named or signals.loose)
    for name, weight, cue in found:
        if cue and numeric:
            name = max(numeric, key=lambda topic: numeric[topic])  # the number asked is about the named topic
        elif cue and not bare_count:
            continue  # "How many people live in Bishkek?", "Сколько стоит билет?": not a count of voters
        elif cue and named:
            weight *= 0.5  # only a non-numeric topic is named: a count is not what it answers
        signals.topics[name] = _combine(signals.topics.get(name, 0.0), weight)
    if "when" in signals.intents and not signals.topics:
        signals.topics["schedule"] = WHEN_ALONE  # "выборы были в какие дни": "when" itself asks for the dates
    if "population" in signals.intents and _voted_not_lived(tokens):
        del signals.intents["population"]  # "сколько русских голосовало": a count of voters, not of residents
    if "turnout" in signals.topics and _vote_denied(tokens):
        # "how many couldn't vote in London?": those the queue left out, which the reports tell, not the count
        signals.topics["context"] = max(signals.topics.pop("turnout"), signals.topics.get("context", 0.0))
    _add_frames(signals, tokens)
    return signals


VOTED_STEMS = ("vot", "голос", "проголос", "golos", "progolos")
LIVED_STEMS = ("live", "living", "resid", "inhabit", "popul", "жив", "прожив", "насел", "числен", "moved", "emigr",
               "fled", "переех", "уех", "эмигр")  # fmt: skip


# a vote that did not happen: "couldn't vote", "unable to vote", "не смогли проголосовать", "не успели"
DENIED_ALONE = frozenset({"couldnt", "coudnt", "cant", "cannot", "unable", "didnt", "wasnt", "werent"})
DENIED_AFTER_NOT = frozenset({"смогли", "смог", "смогла", "успели", "успел", "успела", "удалось", "попали", "попал",
                              "vote", "voted", "able", "get"})  # fmt: skip
NOT_WORDS = frozenset({"не", "not", "ne", "t"})  # ("couldn't" is read "couldn", "t")


def _vote_denied(tokens: list[str]) -> bool:
    """A vote that did not happen, said next to a vote word ("couldn't vote", "не успели проголосовать")."""
    # (a word may come between: "не все смогли", "could not even vote")
    denied = any(token in DENIED_ALONE for token in tokens) or any(
        token in NOT_WORDS and DENIED_AFTER_NOT & set(tokens[at + 1 : at + 3]) for at, token in enumerate(tokens)
    )
    return denied and any(token.startswith(VOTED_STEMS) for token in tokens)


def _voted_not_lived(tokens: list[str]) -> bool:
    return any(token.startswith(VOTED_STEMS) for token in tokens) and not any(
        token.startswith(LIVED_STEMS) for token in tokens
    )


NUMERIC_TOPICS = ("turnout", "result", "exit_poll")


# words of time an ordinal may go before ("last march", "первый день"): then it places a time, not a candidate
TIME_STEMS = ("march", "year", "month", "week", "day", "time", "weekend", "sunday", "март", "год", "месяц",
              "недел", "день", "дня", "раз", "выходн", "воскрес")  # fmt: skip


def _find_place(signals: TopicSignals, tokens: list[str]) -> None:
    """'Who came second?', 'кто занял второе место', 'runner-up': the rank asked for, its words explained."""
    keys = [token_keys(token) for token in tokens]
    ranks = [
        (position, next((ORDINAL_KEYS[key] for key in found if key in ORDINAL_KEYS), None))
        for position, found in enumerate(keys)
    ]
    # ("last March", "в прошлом году", "the first day": a time, not a place in the standings)
    ranks = [
        (position, rank)
        for position, rank in ranks
        if rank is not None and not (position + 1 < len(tokens) and tokens[position + 1].startswith(TIME_STEMS))
    ]
    # "places" are locations ("the worst places for Putin"), a "place" in the standings is one
    places = [
        position
        for position, found in enumerate(keys)
        if not PLACE_WORDS.isdisjoint(found) and tokens[position] != "places"
    ]
    asks_who = any(token in ("who", "кто") for token in tokens)
    if "runner" in tokens and not ranks:
        ranks = [(tokens.index("runner"), 2)]
    asks_which = any(token in ("what", "which", "какое", "каком", "какой") for token in tokens)
    nouns = [position for position in places if not PLACE_NOUNS.isdisjoint(keys[position])]
    if not ranks and (nouns or (places and asks_which)):
        ranks = [((nouns or places)[0], 0)]  # "What place did Slutsky take?", "Kharitonov place": that candidate's
    # "в каких странах Даванков был последним": a name (blanked here) and "where / which" make "last" a place
    named_where = "\x00" in tokens and any(token in ("where", "which", "где", "каких", "какой") for token in tokens)
    for position, rank in ranks:
        # "кто первый в Швеции" asks the winner; "кто первым поздравил" asks who did something first
        ends_ask = all(token in STOPWORDS or token == "\x00" for token in tokens[position + 1 :])
        # "правда что даванков второй?": a rank right after a name is that candidate's place
        after_name = position > 0 and tokens[position - 1] == "\x00"
        if places or (asks_who and (rank not in (1, -1) or ends_ask)) or named_where or after_name:
            signals.place = rank
            signals.covered.update([position, *places])
            if position in signals.covered and rank == -1:
                signals.topics.pop("schedule", None)  # "came last" is not "the last day"
            return


def _is_election_word(index: PhraseIndex, token: str) -> bool:
    if not ELECTION_KEYS.isdisjoint(token_keys(token)):
        return True
    fix = index.correct(token)  # "elecion", "голосвание"
    return fix is not None and not ELECTION_KEYS.isdisjoint(token_keys(fix))


def _combine(previous: float, weight: float) -> float:
    """A longer phrase counts once at its full weight; repeats of a topic add with diminishing weight."""
    return max(previous, weight) + 0.25 * min(previous, weight)


# Question frames whose two parts stand apart: "How did Russians in Kazakhstan vote?" asks for the result.
FRAMES: list[tuple[str, str, str, float]] = [
    ("how", "vote", "result", 0.5),
    ("как", "голосовать", "result", 0.9),
    ("как", "проголосовать", "result", 0.9),
    ("who", "vote", "result", 0.4),
    ("кто", "голосовать", "result", 0.4),
    ("where", "vote", "polling_places", 0.8),
    ("где", "голосовать", "polling_places", 0.8),
    ("где", "проголосовать", "polling_places", 0.8),
    # ballots cast are counted by turnout, whatever "votes" suggests ("Сколько голосов было подано?")
    ("how", "cast", "turnout", 1.8),
    ("сколько", "подать", "turnout", 1.8),
    ("сколько", "отдать", "turnout", 1.8),
]


def _add_frames(signals: TopicSignals, tokens: list[str]) -> None:
    keys = [token_keys(token) for token in tokens]
    for opener, verb, topic, weight in FRAMES:
        first = next((index for index, token_key in enumerate(keys[:2]) if opener in token_key), None)
        verb_keys = token_keys(verb)
        if first is not None and any(not verb_keys.isdisjoint(token_key) for token_key in keys[first + 2 :]):
            signals.topics[topic] = signals.topics.get(topic, 0.0) + weight
