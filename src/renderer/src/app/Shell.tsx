import { AppShell, Badge, Group, NavLink, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useLinkState, useQuery } from '../api'
import { ReconnectingBanner } from '../components/ReconnectingBanner'
import { OfflineBanner } from '../components/OfflineBanner'
import { UpdateBanner } from '../components/UpdateBanner'
import { AlertsWatcher } from '../features/monitoring/AlertsWatcher'
import { NavigationContext } from './navigation'
import { ROUTES, type RouteId } from './routes'
import { WorkspaceSwitcher } from './WorkspaceSwitcher'

export function Shell({ initialRoute = 'overview' }: { initialRoute?: RouteId }) {
  const [route, setRoute] = useState<RouteId>(initialRoute)
  const info = useQuery('system.info', {}, { refreshOn: ['system'] })
  const link = useLinkState()
  const current = ROUTES.find((r) => r.id === route) ?? ROUTES[0]
  const Page = current.component

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 0 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between">
          <Group gap="sm">
            <Title order={4} component="span">
              Instep
            </Title>
            {info.data && (
              <>
                <Text c="dimmed" aria-hidden>
                  ·
                </Text>
                <WorkspaceSwitcher name={info.data.workspaceName} />
                {info.data.demo && (
                  <Badge variant="light" color="grape" data-testid="demo-badge">
                    Demo workspace
                  </Badge>
                )}
              </>
            )}
          </Group>
          {info.data && (
            <Text size="xs" c="dimmed">
              Version {info.data.appVersion}
            </Text>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main">
        {ROUTES.map((r) => (
          <NavLink
            key={r.id}
            component="button"
            label={r.label}
            leftSection={<r.icon size={18} stroke={1.6} />}
            active={r.id === route}
            aria-current={r.id === route ? 'page' : undefined}
            onClick={() => setRoute(r.id)}
            data-testid={`nav-${r.id}`}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {link.state === 'reconnecting' && (
          <div style={{ margin: 'calc(var(--mantine-spacing-lg) * -1) calc(var(--mantine-spacing-lg) * -1) var(--mantine-spacing-lg)' }}>
            <ReconnectingBanner attempt={link.attempt} />
          </div>
        )}
        {link.state === 'ready' && (
          <div style={{ margin: 'calc(var(--mantine-spacing-lg) * -1) calc(var(--mantine-spacing-lg) * -1) var(--mantine-spacing-lg)' }}>
            <OfflineBanner />
            <UpdateBanner />
          </div>
        )}
        <NavigationContext.Provider value={(id) => ROUTES.some((r) => r.id === id) && setRoute(id as RouteId)}>
          <Page />
          <AlertsWatcher />
        </NavigationContext.Provider>
      </AppShell.Main>
    </AppShell>
  )
}
